import Dialogue
import Synchronization

/// The chats' conversation states as last stored, kept in memory so that a message needs no database read: the
/// daemon is the only writer of its database. Bounded: past `capacity` chats it starts afresh, and states are
/// read from the database again.
final class ConversationCache: Sendable {
    let capacity: Int
    private let states = Mutex<[Int64: ConversationState]>([:])

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    func state(of chatID: Int64) -> ConversationState? {
        states.withLock { $0[chatID] }
    }

    /// Records a state that was just committed.
    func store(_ state: ConversationState, for chatID: Int64) {
        states.withLock { states in
            if states.count >= capacity && states[chatID] == nil { states.removeAll(keepingCapacity: true) }
            states[chatID] = state
        }
    }
}
