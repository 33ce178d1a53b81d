import Foundation
import GRDB

extension StateStore {
    /// Every reply not sent yet, oldest first: what a restart must still send.
    func pendingReplies() async throws(StateStoreError) -> [OutboxItem] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT outbox.id, outbox.chat_id, update_id, part, reply_to, text, attempts, idempotency_key,
                        chat_address.address
                    FROM outbox LEFT JOIN chat_address ON chat_address.chat_id = outbox.chat_id
                    WHERE status = 'pending' ORDER BY outbox.id
                    """
            ).map { row in
                OutboxItem(
                    id: row["id"], chatID: row["chat_id"], updateID: row["update_id"], part: row["part"],
                    replyTo: row["reply_to"], text: row["text"], attempts: row["attempts"], idempotencyKey: row["idempotency_key"],
                    chatAddress: row["address"])
            }
        }
    }

    /// The server took the reply.
    func markSent(_ id: Int64) async throws(StateStoreError) {
        let now = Date().timeIntervalSince1970
        try await groupWrite { db in
            try db.cachedStatement(
                sql: "UPDATE outbox SET status = 'sent', attempts = attempts + 1, finished_at = ? WHERE id = ?"
            ).execute(arguments: [now, id])
        }
    }

    /// The server took the reply; the mark is written in the next group commit without waiting for it, and
    /// `failed` is called (on the writer's thread) if it could not be stored. Only for channels with idempotent
    /// replies: a mark lost in a crash makes the restart resend the reply with the same key, which the server does
    /// not show twice. ``drainWrites()`` waits for every mark queued before it.
    func markSentBehind(_ id: Int64, failed: @escaping @Sendable (StateStoreError) -> Void) {
        let now = Date().timeIntervalSince1970
        submitWithoutWaiting(failed: failed) { db in
            try db.cachedStatement(
                sql: "UPDATE outbox SET status = 'sent', attempts = attempts + 1, finished_at = ? WHERE id = ?"
            ).execute(arguments: [now, id])
        }
    }

    /// The server refused the reply for good (400 chat not found, 403 blocked): it leaves the outbox.
    func markFailed(_ id: Int64, reason: String) async throws(StateStoreError) {
        let now = Date().timeIntervalSince1970
        try await write { db in
            try db.execute(
                sql: "UPDATE outbox SET status = 'failed', attempts = attempts + 1, finished_at = ?, last_error = ? WHERE id = ?",
                arguments: [now, reason, id])
        }
    }

    /// A send failed in a way that may pass; the reply stays pending.
    func recordAttempt(_ id: Int64, error: String) async throws(StateStoreError) {
        try await write { db in
            try db.execute(sql: "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?", arguments: [error, id])
        }
    }

    /// `--drop-pending`: every unsent reply is dropped. Returns how many.
    func dropPendingReplies() async throws(StateStoreError) -> Int {
        let now = Date().timeIntervalSince1970
        return try await write { db in
            try db.execute(sql: "UPDATE outbox SET status = 'dropped', finished_at = ? WHERE status = 'pending'", arguments: [now])
            return db.changesCount
        }
    }

    /// Forgets sent, failed and dropped replies finished before `date`, and conversations idle since then.
    func prune(before date: Date) async throws(StateStoreError) -> Int {
        let cutoff = date.timeIntervalSince1970
        return try await write { db in
            try db.execute(sql: "DELETE FROM outbox WHERE status != 'pending' AND finished_at < ?", arguments: [cutoff])
            let replies = db.changesCount
            try db.execute(sql: "DELETE FROM conversation WHERE updated_at < ?", arguments: [cutoff])
            return replies
        }
    }

    /// Counts for the heartbeat and tests.
    func outboxCounts() async throws(StateStoreError) -> [String: Int] {
        try await read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM outbox GROUP BY status") {
                counts[row["status"]] = row["n"]
            }
            return counts
        }
    }
}

/// One reply waiting in the outbox.
struct OutboxItem: Sendable, Equatable {
    /// The outbox row; increasing, so it orders the replies of one chat.
    var id: Int64
    var chatID: Int64
    /// The update this replies to.
    var updateID: Int64
    /// Which part of a split reply (0 for the first).
    var part: Int
    /// The message the reply answers (first part only).
    var replyTo: Int64?
    var text: String
    /// Failed sends so far.
    var attempts: Int = 0
    /// Sent with the reply on a channel with idempotent replies, so that a resend after a crash shows nothing twice;
    /// stored in the row, the same for every attempt.
    var idempotencyKey: String? = nil
    /// The chat's own id when it is not a number (a Matrix room id).
    var chatAddress: String? = nil
}
