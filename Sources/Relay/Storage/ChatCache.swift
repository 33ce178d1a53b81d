import Synchronization

/// Chats by public id, kept in memory: a chat never changes after creation (it is only deleted, by retention), so people-side requests need not read
/// the database to authenticate. Bounded: when full, the cache starts over (the store stays the source of truth).
final class ChatCache: Sendable {
    private let chats = Mutex<[String: StoredChat]>([:])
    private let capacity: Int

    init(capacity: Int = 50_000) {
        self.capacity = capacity
    }

    func chat(publicID: String) -> StoredChat? {
        chats.withLock { $0[publicID] }
    }

    /// Forgets deleted chats.
    func remove(publicIDs: [String]) {
        chats.withLock { chats in
            for id in publicIDs { chats[id] = nil }
        }
    }

    func insert(_ chat: StoredChat) {
        chats.withLock { chats in
            if chats.count >= capacity { chats.removeAll(keepingCapacity: true) }
            chats[chat.publicID] = chat
        }
    }
}
