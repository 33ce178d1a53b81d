import GRDB

extension RelayStore {
    /// Stores a message from the person and queues it for the bot, in one transaction.
    ///
    /// - Returns: the message and its update id.
    /// - Throws: ``RelayStoreError/queueFull`` when `maxPendingUpdates` updates wait for the bot,
    ///   ``RelayStoreError/chatFull`` when the chat holds `maxMessagesPerChat` messages.
    func appendUserMessage(
        chatID: Int64, text: String, date: Int64, maxPendingUpdates: Int, maxMessagesPerChat: Int
    ) async throws(RelayStoreError) -> PendingUpdate {
        let recentMessages = self.recentMessages
        let counts = messageCounts
        // Its checks come before its first change.
        return try await write(isolation: .checksFirst, { db in
            let pending = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM bot_update")) ?? 0
            guard pending < maxPendingUpdates else { throw RelayStoreError.queueFull }
            try Self.checkRoom(db, chatID: chatID, maxMessagesPerChat: maxMessagesPerChat, counts: counts)
            let message = try Self.insertMessage(db, chatID: chatID, sender: .user, text: text, date: date, replyTo: nil)
            try db.cachedStatement(sql: "INSERT INTO bot_update (message_id) VALUES (?)").execute(arguments: [message.id])
            let update = PendingUpdate(updateID: db.lastInsertedRowID, message: message)
            counts.added(chatID: chatID)
            return update
        }, committed: { update in recentMessages.record(update.message) })
    }

    /// Stores a message from the bot.
    ///
    /// - Returns: the message and the message it replies to, if any.
    /// - Throws: ``RelayStoreError/chatNotFound``, ``RelayStoreError/replyNotFound`` (the message to reply to is
    ///   not in this chat), ``RelayStoreError/chatFull``.
    func appendBotMessage(
        chatID: Int64, text: String, date: Int64, replyTo: Int64?, maxMessagesPerChat: Int
    ) async throws(RelayStoreError) -> (message: StoredMessage, repliedTo: StoredMessage?) {
        let recentMessages = self.recentMessages
        let counts = messageCounts
        // `insertBotMessage` makes its checks before its first change.
        return try await write(isolation: .checksFirst, { db in
            let stored = try Self.insertBotMessage(
                db, chatID: chatID, text: text, date: date, replyTo: replyTo, maxMessagesPerChat: maxMessagesPerChat,
                counts: counts, recent: recentMessages)
            counts.added(chatID: chatID)
            return stored
        }, committed: { stored in recentMessages.record(stored.message) })
    }

    /// The body of ``appendBotMessage(chatID:text:date:replyTo:maxMessagesPerChat:)``, inside a write; the caller
    /// tells `counts` about the message at the end of its write. The message replied to is taken from `recent`
    /// when it is there (the chat was just found in this transaction, so its committed messages are still stored).
    static func insertBotMessage(
        _ db: Database, chatID: Int64, text: String, date: Int64, replyTo: Int64?, maxMessagesPerChat: Int,
        counts: MessageCounts, recent: RecentMessages
    ) throws -> (message: StoredMessage, repliedTo: StoredMessage?) {
        guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM chat WHERE id = ?"), arguments: [chatID]) != nil
        else { throw RelayStoreError.chatNotFound }
        var repliedTo: StoredMessage?
        if let replyTo {
            repliedTo = try recent.message(id: replyTo, chatID: chatID) ?? storedMessage(db, id: replyTo, chatID: chatID)
            guard repliedTo != nil else { throw RelayStoreError.replyNotFound }
        }
        try checkRoom(db, chatID: chatID, maxMessagesPerChat: maxMessagesPerChat, counts: counts)
        let message = try insertMessage(db, chatID: chatID, sender: .bot, text: text, date: date, replyTo: replyTo)
        return (message, repliedTo)
    }

    /// The message `id` of chat `chatID`, or nil.
    static func storedMessage(_ db: Database, id: Int64, chatID: Int64) throws -> StoredMessage? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: "SELECT id, chat_id, sender, text, date, reply_to FROM message WHERE id = ? AND chat_id = ?"),
            arguments: [id, chatID]
        ).map { message(from: $0) }
    }

    /// Up to `limit` messages of a chat with ids above `after`, oldest first: from memory when the latest
    /// messages answer it (a browser's poll), else from the database.
    func messages(chatID: Int64, after: Int64, limit: Int) async throws(RelayStoreError) -> [StoredMessage] {
        if let recent = recentMessages.messages(chatID: chatID, after: after, limit: limit) { return recent }
        return try await read { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT id, chat_id, sender, text, date, reply_to FROM message
                        WHERE chat_id = ? AND id > ? ORDER BY id LIMIT ?
                        """),
                arguments: [chatID, after, limit]
            ).map { Self.message(from: $0) }
        }
    }

    /// A message from a row whose columns from `first` on are `id, chat_id, sender, text, date, reply_to` (every
    /// query that reads messages names them in this order), read by position: GRDB finds a column by name with a
    /// case-insensitive search on every read.
    static func message(from row: Row, first: Int = 0) -> StoredMessage {
        let sender: String = row[first + 2]
        return StoredMessage(
            id: row[first], chatID: row[first + 1], sender: Sender(rawValue: sender) ?? .user, text: row[first + 3],
            date: row[first + 4], replyTo: row[first + 5])
    }

    private static func checkRoom(_ db: Database, chatID: Int64, maxMessagesPerChat: Int, counts: MessageCounts) throws {
        let count = try counts.count(db, chatID: chatID)
        guard count < maxMessagesPerChat else { throw RelayStoreError.chatFull }
    }

    private static func insertMessage(
        _ db: Database, chatID: Int64, sender: Sender, text: String, date: Int64, replyTo: Int64?
    ) throws -> StoredMessage {
        try db.cachedStatement(sql: "INSERT INTO message (chat_id, sender, text, date, reply_to) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [chatID, sender.rawValue, text, date, replyTo])
        return StoredMessage(
            id: db.lastInsertedRowID, chatID: chatID, sender: sender, text: text, date: date, replyTo: replyTo)
    }
}
