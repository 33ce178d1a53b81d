import Foundation
import GRDB
import Synchronization

/// A bot `sendMessage` that carries an `Idempotency-Key`, with what the store needs to honour it.
struct IdempotentSend: Sendable {
    /// The key as sent: 1–128 printable ASCII characters.
    let key: String
    /// SHA-256 of what must match for a repeat: the chat and the text.
    let fingerprint: [UInt8]
    /// Keys stored at or after `now - lifetime` are kept; older ones may be deleted.
    let lifetime: Int64
    /// Most keys stored; when that many are younger than `lifetime`, new keys are refused.
    let maxKeys: Int
}

/// The number of stored idempotency keys, kept in memory so a send need not count them; and when expired keys
/// were last deleted. Only the writer connection changes it, inside its transactions; a rolled-back batch can leave
/// it a little high, which only makes the next clean-up come sooner (the clean-up counts again).
struct IdempotencyKeyCount: Sendable {
    var count: Int
    var lastCleanUp: Int64 = 0
}

/// What an idempotent send did.
struct BotMessageOutcome: Sendable, Equatable {
    let message: StoredMessage
    let repliedTo: StoredMessage?
    /// True when the key had been seen: `message` is the original one and nothing was stored.
    let replayed: Bool
}

extension RelayStore {
    /// How often expired keys are deleted, in seconds, when the bound is not reached.
    static let idempotencyCleanUpInterval: Int64 = 60

    /// Stores a message from the bot under an idempotency key, in one transaction with the key; or, when the key
    /// was stored before with the same fingerprint, returns the original message and stores nothing.
    ///
    /// Keys live at least `send.lifetime` seconds. Expired keys are deleted about once a minute, inside the same
    /// transactions; when `send.maxKeys` keys are stored and none has expired, a new key is refused.
    ///
    /// - Throws: ``RelayStoreError/idempotencyKeyMismatch`` (the key came with another chat or text),
    ///   ``RelayStoreError/tooManyIdempotencyKeys(retryAfter:)``, and the errors of
    ///   ``appendBotMessage(chatID:text:date:replyTo:maxMessagesPerChat:)``.
    func appendBotMessage(
        chatID: Int64, text: String, date: Int64, replyTo: Int64?, maxMessagesPerChat: Int, idempotency send: IdempotentSend
    ) async throws(RelayStoreError) -> BotMessageOutcome {
        let recentMessages = self.recentMessages
        let counts = messageCounts
        return try await write({ db in
            if let original = try Row.fetchOne(
                db.cachedStatement(
                    sql: "SELECT fingerprint, chat_id, message_id, date, reply_to FROM idempotency_key WHERE key = ?"),
                arguments: [send.key])
            {
                let fingerprint: [UInt8] = Array(original["fingerprint"] as Data)
                guard fingerprint == send.fingerprint else { throw RelayStoreError.idempotencyKeyMismatch }
                let replyTo: Int64? = original["reply_to"]
                let message = StoredMessage(
                    id: original["message_id"], chatID: original["chat_id"], sender: .bot, text: text, date: original["date"],
                    replyTo: replyTo)
                let repliedTo = try replyTo.flatMap { try Self.storedMessage(db, id: $0, chatID: message.chatID) }
                return BotMessageOutcome(message: message, repliedTo: repliedTo, replayed: true)
            }
            try self.makeRoomForKey(db, now: date, send: send)
            let stored = try Self.insertBotMessage(
                db, chatID: chatID, text: text, date: date, replyTo: replyTo, maxMessagesPerChat: maxMessagesPerChat,
                counts: counts, recent: recentMessages)
            try db.cachedStatement(
                sql: """
                    INSERT INTO idempotency_key (key, fingerprint, chat_id, message_id, date, reply_to, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                send.key, Data(send.fingerprint), chatID, stored.message.id, date, stored.message.replyTo, date,
            ])
            self.idempotencyKeys.withLock { $0.count += 1 }
            counts.added(chatID: chatID)
            return BotMessageOutcome(message: stored.message, repliedTo: stored.repliedTo, replayed: false)
        }, committed: { outcome in
            if !outcome.replayed { recentMessages.record(outcome.message) }
        })
    }

    /// The number of stored idempotency keys.
    func idempotencyKeyCount() async throws(RelayStoreError) -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM idempotency_key") ?? 0 }
    }

    /// Deletes expired keys once a minute, or at once when the bound is reached; refuses a new key when the bound
    /// is still reached after that.
    private func makeRoomForKey(_ db: Database, now: Int64, send: IdempotentSend) throws {
        let state = idempotencyKeys.withLock { $0 }
        let full = state.count >= send.maxKeys
        guard full || now - state.lastCleanUp >= Self.idempotencyCleanUpInterval else { return }
        try db.cachedStatement(sql: "DELETE FROM idempotency_key WHERE created_at < ?").execute(arguments: [now - send.lifetime])
        var count = state.count - db.changesCount
        if full || count < 0 {
            count = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM idempotency_key")) ?? 0
        }
        idempotencyKeys.withLock { $0 = IdempotencyKeyCount(count: count, lastCleanUp: now) }
        guard count >= send.maxKeys else { return }
        let oldest = try Int64.fetchOne(db.cachedStatement(sql: "SELECT MIN(created_at) FROM idempotency_key")) ?? now
        throw RelayStoreError.tooManyIdempotencyKeys(retryAfter: Int(max(1, oldest + send.lifetime - now + 1)))
    }
}
