import GRDB
import Synchronization

extension RelayStore {
    /// The bot's `getUpdates` with Telegram's `offset` semantics, in one transaction:
    /// - `offset > 0`: updates with `update_id < offset` are confirmed and deleted; those from `offset` on returned;
    /// - `offset < 0`: only the last `-offset` updates are kept (earlier ones are forgotten) and returned;
    /// - `offset == 0`: nothing is confirmed; the oldest unconfirmed updates are returned.
    ///
    /// At most `limit` updates, oldest first.
    func updates(offset: Int64, limit: Int) async throws(RelayStoreError) -> [PendingUpdate] {
        if offset >= 0 && offset <= appliedOffset.withLock({ $0 }) {
            return try await read { db in try Self.fetchUpdates(db, from: offset, limit: limit) }
        }
        let (updates, lastAssigned) = try await write { db in
            var from = offset
            if offset < 0 {
                // The first update to keep: the (-offset)-th from the end; with fewer updates, keep them all.
                from =
                    try Int64.fetchOne(
                        db.cachedStatement(sql: "SELECT update_id FROM bot_update ORDER BY update_id DESC LIMIT 1 OFFSET ?"),
                        arguments: [-(offset + 1)]) ?? 0
            }
            try db.cachedStatement(sql: "DELETE FROM bot_update WHERE update_id < ?").execute(arguments: [from])
            let lastAssigned =
                try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM sqlite_sequence WHERE name = 'bot_update'")) ?? 0
            return (try Self.fetchUpdates(db, from: from, limit: limit), lastAssigned)
        }
        // Every update inserted later gets an id above `lastAssigned`, so all ids below this bound are gone for good.
        if offset > 0 { appliedOffset.withLock { $0 = max($0, min(offset, lastAssigned + 1)) } }
        return updates
    }

    /// The number of updates waiting for the bot.
    func pendingUpdateCount() async throws(RelayStoreError) -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM bot_update") ?? 0 }
    }

    private static func fetchUpdates(_ db: Database, from: Int64, limit: Int) throws -> [PendingUpdate] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT u.update_id, m.id, m.chat_id, m.sender, m.text, m.date, m.reply_to FROM bot_update u JOIN message m ON m.id = u.message_id
                    WHERE u.update_id >= ? ORDER BY u.update_id LIMIT ?
                    """),
            arguments: [from, limit]
        ).map { row in PendingUpdate(updateID: row[0], message: message(from: row, first: 1)) }
    }
}
