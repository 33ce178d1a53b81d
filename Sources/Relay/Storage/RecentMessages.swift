import Synchronization

/// The latest messages of recently active chats, kept in memory so a browser's long poll (`after` = the last id it
/// has) is answered without a database read. The store stays the source of truth: a message is recorded only once
/// its transaction committed, and a question the cache cannot answer completely goes to the database.
///
/// For each cached chat, every message with an id above the chat's floor is held; messages are recorded in id
/// order (the store commits on one writer). Bounded: each chat keeps its last `perChat` messages (the floor rises
/// past the dropped ones), and when `maxChats` chats or `maxTextBytes` of text are held, the cache starts over with
/// a global floor at the last recorded id.
final class RecentMessages: Sendable {
    private struct Entry {
        /// Every message of the chat with an id above this one is in `messages`.
        var floor: Int64
        var messages: [StoredMessage] = []
    }

    private struct State {
        var chats: [Int64: Entry] = [:]
        /// A chat without an entry has no message above this id.
        var floor: Int64
        var lastRecorded: Int64
        var textBytes = 0
    }

    private let state: Mutex<State>
    private let perChat: Int
    private let maxChats: Int
    private let maxTextBytes: Int

    /// - Parameter floor: The highest message id already stored when the relay started.
    init(floor: Int64, perChat: Int = 16, maxChats: Int = 5_000, maxTextBytes: Int = 4 << 20) {
        state = Mutex(State(floor: floor, lastRecorded: floor))
        self.perChat = perChat
        self.maxChats = maxChats
        self.maxTextBytes = maxTextBytes
    }

    /// Records a committed message. Call in commit order.
    func record(_ message: StoredMessage) {
        state.withLock { state in
            let isNewChat = state.chats[message.chatID] == nil
            if (isNewChat && state.chats.count >= maxChats) || state.textBytes >= maxTextBytes {
                state.chats.removeAll(keepingCapacity: true)
                state.floor = state.lastRecorded
                state.textBytes = 0
            }
            var entry = state.chats[message.chatID] ?? Entry(floor: state.floor)
            entry.messages.append(message)
            state.textBytes += message.text.utf8.count
            if entry.messages.count > perChat {
                let dropped = entry.messages.removeFirst()
                entry.floor = dropped.id
                state.textBytes -= dropped.text.utf8.count
            }
            state.chats[message.chatID] = entry
            state.lastRecorded = max(state.lastRecorded, message.id)
        }
    }

    /// Drops the cached messages of deleted chats (retention), so their text leaves memory too. Their ids are never
    /// asked for again: a deleted chat no longer authenticates.
    func forget(chatIDs: [Int64]) {
        state.withLock { state in
            for id in chatIDs {
                guard let entry = state.chats.removeValue(forKey: id) else { continue }
                state.textBytes -= entry.messages.reduce(0) { $0 + $1.text.utf8.count }
            }
        }
    }

    /// The message `id` of chat `chatID` when it is held. Held messages were committed; a message is deleted only
    /// with its chat, so a write that found the chat in its transaction may take the message from here.
    func message(id: Int64, chatID: Int64) -> StoredMessage? {
        state.withLock { state in state.chats[chatID]?.messages.last { $0.id == id } }
    }

    /// Up to `limit` messages of the chat with ids above `after`, oldest first; nil when the cache does not hold
    /// all of them (ask the store).
    func messages(chatID: Int64, after: Int64, limit: Int) -> [StoredMessage]? {
        state.withLock { state in
            guard let entry = state.chats[chatID] else { return after >= state.floor ? [] : nil }
            guard after >= entry.floor else { return nil }
            return Array(entry.messages.lazy.filter { $0.id > after }.prefix(limit))
        }
    }
}
