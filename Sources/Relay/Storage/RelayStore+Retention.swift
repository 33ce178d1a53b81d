import GRDB

extension RelayStore {
    /// Deletes the chats whose last message (or, without messages, whose creation) is older than `cutoff` (Unix
    /// seconds), with their messages and the updates still queued for them. Returns how many chats went.
    func deleteIdleChats(before cutoff: Int64) async throws(RelayStoreError) -> Int {
        let counts = messageCounts
        let deleted = try await write { db -> [(id: Int64, publicID: String)] in
            // The last message is the one with the highest id: the (chat_id, id) index finds it without a scan.
            let idle = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT id, public_id FROM chat
                        WHERE MAX(created_at, COALESCE(
                            (SELECT date FROM message WHERE message.chat_id = chat.id ORDER BY id DESC LIMIT 1), 0)) < ?
                        """),
                arguments: [cutoff])
            for row in idle {
                let chatID: Int64 = row["id"]
                // Explicit rather than relying on ON DELETE CASCADE, so it holds whatever the foreign-key setting.
                try db.execute(
                    sql: "DELETE FROM bot_update WHERE message_id IN (SELECT id FROM message WHERE chat_id = ?)",
                    arguments: [chatID])
                try db.execute(sql: "DELETE FROM message WHERE chat_id = ?", arguments: [chatID])
                try db.execute(sql: "DELETE FROM chat WHERE id = ?", arguments: [chatID])
            }
            counts.forget(chatIDs: idle.map { $0["id"] })
            return idle.map { (id: $0["id"], publicID: $0["public_id"]) }
        }
        chatCache.remove(publicIDs: deleted.map(\.publicID))
        recentMessages.forget(chatIDs: deleted.map(\.id))
        return deleted.count
    }
}
