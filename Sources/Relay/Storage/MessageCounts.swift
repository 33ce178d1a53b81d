import GRDB
import Synchronization

/// How many messages each recently written chat holds, so that a post or a reply checks the chat's bound
/// (`maxMessagesPerChat`) without counting its rows every time.
///
/// Used only inside the store's write transactions, on the writer connection: a count is read from the database
/// the first time, then kept up to date by ``added(chatID:)`` at the end of each successful insert's savepoint.
/// When a transaction fails to commit, ``reset()`` forgets everything (the database stays the truth); retention
/// ``forget(chatIDs:)``s the chats it deletes. Bounded: when `capacity` chats are held it starts over.
final class MessageCounts: Sendable {
    private let counts = Mutex<[Int64: Int]>([:])
    private let capacity: Int

    init(capacity: Int = 50_000) {
        self.capacity = capacity
    }

    /// The number of messages of `chatID`, counted in `db` when not held.
    func count(_ db: Database, chatID: Int64) throws -> Int {
        if let count = counts.withLock({ $0[chatID] }) { return count }
        let count =
            try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM message WHERE chat_id = ?"), arguments: [chatID])
            ?? 0
        counts.withLock { counts in
            if counts.count >= capacity { counts.removeAll(keepingCapacity: true) }
            counts[chatID] = count
        }
        return count
    }

    /// One message was inserted into `chatID`, at the end of a savepoint that will not roll back on its own.
    func added(chatID: Int64) {
        counts.withLock { counts in
            if let count = counts[chatID] { counts[chatID] = count + 1 }
        }
    }

    /// The chats were deleted.
    func forget(chatIDs: [Int64]) {
        counts.withLock { counts in
            for id in chatIDs { counts[id] = nil }
        }
    }

    /// A transaction rolled back: counts may be too high.
    func reset() {
        counts.withLock { $0.removeAll() }
    }
}
