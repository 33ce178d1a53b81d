import Foundation
import GRDB

extension RelayStore {
    /// Creates a chat with a fresh random Telegram-style id (10 to 12 digits, like a Telegram user id).
    ///
    /// - Throws: ``RelayStoreError/relayFull`` when `maxChats` chats exist.
    func createChat(publicID: String, tokenDigest: [UInt8], now: Int64, maxChats: Int) async throws(RelayStoreError)
        -> StoredChat
    {
        let chat = try await write { db in
            let count = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM chat")) ?? 0
            guard count < maxChats else { throw RelayStoreError.relayFull }
            var id: Int64
            repeat {
                id = Int64.random(in: 1_000_000_000...999_999_999_999)
            } while try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM chat WHERE id = ?"), arguments: [id]) != nil
            try db.cachedStatement(sql: "INSERT INTO chat (id, public_id, token_digest, created_at) VALUES (?, ?, ?, ?)")
                .execute(arguments: [id, publicID, Data(tokenDigest), now])
            return StoredChat(id: id, publicID: publicID, tokenDigest: tokenDigest)
        }
        chatCache.insert(chat)
        return chat
    }

    /// The chat whose people-side id is `publicID`, or nil.
    func chat(publicID: String) async throws(RelayStoreError) -> StoredChat? {
        if let cached = chatCache.chat(publicID: publicID) { return cached }
        let chat = try await read { db in
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT id, public_id, token_digest FROM chat WHERE public_id = ?"),
                arguments: [publicID]
            ).map(Self.chat(from:))
        }
        if let chat { chatCache.insert(chat) }
        return chat
    }

    /// The chat whose Telegram-style id is `id`, or nil.
    func chat(id: Int64) async throws(RelayStoreError) -> StoredChat? {
        try await read { db in
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT id, public_id, token_digest FROM chat WHERE id = ?"),
                arguments: [id]
            ).map(Self.chat(from:))
        }
    }

    /// The number of stored chats.
    func chatCount() async throws(RelayStoreError) -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM chat") ?? 0 }
    }

    private static func chat(from row: Row) -> StoredChat {
        let digest: Data = row["token_digest"]
        return StoredChat(id: row["id"], publicID: row["public_id"], tokenDigest: Array(digest))
    }
}
