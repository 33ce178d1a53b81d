import Dialogue
import Foundation
import GRDB
import GroupCommit
import JSONWriting

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The daemon's durable state in one SQLite database (`daemon.sqlite`, WAL) under the data directory: the poll
/// offset, the updates already handled, each chat's `ConversationState`, and the outbox of replies.
///
/// A handled message is stored atomically: its update id, the chat's new state and its replies (``recordTurn(_:)``,
/// committed together with the turns of other chats handled at the same moment, see `GroupCommitter`);
/// only then does the offset advance (``saveOffset(_:acknowledged:)``), and a reply is marked sent after the server
/// took it. A kill at any point therefore loses nothing and resends at most the reply that was on the wire; on a
/// channel with idempotent replies the sent marks are written behind the sends (``markSentBehind(_:failed:)``), and
/// a kill resends the replies whose marks were not stored yet, with their keys, which the server shows once.
///
/// Commits use `synchronous = NORMAL`, the usual choice with WAL: a killed process loses nothing; a power cut may
/// lose the last commits.
final class StateStore: Sendable {
    /// The file name of the database inside the data directory.
    static let fileName = "daemon.sqlite"

    let pool: DatabasePool
    /// The message path's writes (turns, sent marks), committed in groups under load.
    private let committer: GroupCommitter<StateStoreError>
    /// The database file, for messages.
    let path: String
    /// The random id made when the database was created: the first half of every reply's idempotency key.
    let instanceID: String

    /// Opens (creating when missing) the database in `directory` and migrates it to the current schema.
    init(directory: String) throws(StateStoreError) {
        let path = (directory as NSString).appendingPathComponent(Self.fileName)
        // Conversations and replies are private: create the file 0600 (SQLite gives -wal and -shm the same mode).
        Self.createPrivateFile(path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.label = "huabei.daemon"
        // Reads are rare (a restart, a batch's dedupe check): two reader connections are plenty.
        configuration.maximumReaderCount = 2
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // The hot pages are few (the tables' upper levels, the newest outbox rows): 512 KB of page cache per
            // connection instead of SQLite's 2 MB, which a busy day's outbox would otherwise fill.
            try db.execute(sql: "PRAGMA cache_size = -512")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
            instanceID = try pool.read { db in
                try String.fetchOne(db, sql: "SELECT instance_id FROM store_identity WHERE id = 1")
            } ?? ""
        } catch {
            throw .cannotOpen(path: path, reason: String(describing: error))
        }
        self.path = path
        committer = GroupCommitter(writer: pool) { .database(String(describing: $0)) }
    }

    private static func createPrivateFile(_ path: String) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
    }

    /// Closes the database; the store is unusable afterwards.
    func close() {
        try? pool.close()
    }

    // MARK: Offset and handled updates

    /// The offset to poll with next: one past the last update whose batch was fully handled; 0 at first start.
    func nextOffset() async throws(StateStoreError) -> Int64 {
        try await read { db in try Int64.fetchOne(db.cachedStatement(sql: "SELECT next_offset FROM poll_state WHERE id = 1")) ?? 0 }
    }

    /// Stores the offset after a batch, and forgets the handled update ids below `acknowledged`: the server
    /// confirmed those when it answered a poll with that offset, so it never sends them again.
    func saveOffset(_ offset: Int64, acknowledged: Int64) async throws(StateStoreError) {
        try await write { db in
            try db.cachedStatement(
                sql: "INSERT INTO poll_state (id, next_offset) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET next_offset = excluded.next_offset"
            ).execute(arguments: [offset])
            if acknowledged > 0 {
                try db.cachedStatement(sql: "DELETE FROM handled_update WHERE update_id < ?").execute(arguments: [acknowledged])
            }
        }
    }

    /// The sync token to poll from next (channels polled with a token); nil at first start.
    func syncToken() async throws(StateStoreError) -> String? {
        try await read { db in try String.fetchOne(db.cachedStatement(sql: "SELECT token FROM sync_state WHERE id = 1")) }
    }

    /// Stores the sync token after a batch, and forgets the handled update ids older than `forgetBefore`: a server
    /// polled with a token never sends again what came before a stored token, so only the updates of the last batch
    /// (polled again after a crash) need to be recognised.
    func saveSyncToken(_ token: String, forgetBefore: Date? = nil) async throws(StateStoreError) {
        let cutoff = forgetBefore?.timeIntervalSince1970
        try await write { db in
            try db.cachedStatement(
                sql: "INSERT INTO sync_state (id, token) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET token = excluded.token"
            ).execute(arguments: [token])
            if let cutoff {
                try db.cachedStatement(sql: "DELETE FROM handled_update WHERE handled_at < ?").execute(arguments: [cutoff])
            }
        }
    }

    /// Forgets the sync token: the next poll starts afresh, without the history (`--drop-pending`).
    func dropSyncToken() async throws(StateStoreError) {
        try await write { db in try db.execute(sql: "DELETE FROM sync_state") }
    }

    /// Whether the update was handled already (its replies are in the outbox, sent or not).
    func isHandled(_ updateID: Int64) async throws(StateStoreError) -> Bool {
        try await read { db in
            try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM handled_update WHERE update_id = ?)"), arguments: [updateID]) ?? false
        }
    }

    /// The update ids among `updateIDs` already handled.
    func handledAmong(_ updateIDs: [Int64]) async throws(StateStoreError) -> Set<Int64> {
        guard let low = updateIDs.min(), let high = updateIDs.max() else { return [] }
        if high - low > Int64(updateIDs.count) * 16 {
            // Sparse ids (a hash of Matrix event ids): ask for exactly these.
            let ids = updateIDs
            return try await read { db in
                let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
                return Set(try Int64.fetchAll(db, sql: "SELECT update_id FROM handled_update WHERE update_id IN (\(marks))", arguments: StatementArguments(ids)))
            }
        }
        return try await read { db in
            Set(try Int64.fetchAll(
                db.cachedStatement(sql: "SELECT update_id FROM handled_update WHERE update_id BETWEEN ? AND ?"), arguments: [low, high]))
        }
    }

    // MARK: Conversations

    /// The chat's stored state, or nil when it has none (or it cannot be read any more).
    func conversation(chatID: Int64) async throws(StateStoreError) -> ConversationState? {
        let json = try await read { db in
            try String.fetchOne(db.cachedStatement(sql: "SELECT state FROM conversation WHERE chat_id = ?"), arguments: [chatID])
        }
        guard let json else { return nil }
        return try? JSONDecoder().decode(ConversationState.self, from: Data(json.utf8))
    }

    // MARK: A handled update

    /// Stores one handled update in one transaction: its id, the chat's new state (when given) and its replies as
    /// pending outbox items. Returns the outbox items, or nil when the update was handled already (nothing is
    /// written then).
    func recordTurn(_ turn: HandledTurn) async throws(StateStoreError) -> [OutboxItem]? {
        let stateJSON: String?
        if let state = turn.state {
            var writer = JSONWriter(capacity: 256)
            writer.value(state)
            stateJSON = String(decoding: writer.bytes, as: UTF8.self)
        } else {
            stateJSON = nil
        }
        let now = Date().timeIntervalSince1970
        let instanceID = self.instanceID
        return try await groupWrite { db -> [OutboxItem]? in
            try db.cachedStatement(
                sql: "INSERT INTO handled_update (update_id, chat_id, handled_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
            ).execute(arguments: [turn.updateID, turn.chatID, now])
            guard db.changesCount == 1 else { return nil }
            if let address = turn.chatAddress {
                try db.cachedStatement(sql: "INSERT INTO chat_address (chat_id, address) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .execute(arguments: [turn.chatID, address])
            }
            if let stateJSON {
                try db.cachedStatement(
                    sql: """
                        INSERT INTO conversation (chat_id, state, updated_at) VALUES (?, ?, ?)
                        ON CONFLICT(chat_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
                        """
                ).execute(arguments: [turn.chatID, stateJSON, now])
            }
            var items: [OutboxItem] = []
            for (part, text) in turn.replies.enumerated() {
                let replyTo = part == 0 ? turn.replyTo : nil
                try db.cachedStatement(
                    sql: """
                        INSERT INTO outbox (chat_id, update_id, part, reply_to, text, status, attempts, created_at)
                        VALUES (?, ?, ?, ?, ?, 'pending', 0, ?)
                        """
                ).execute(arguments: [turn.chatID, turn.updateID, part, replyTo, text, now])
                let id = db.lastInsertedRowID
                let key = Self.idempotencyKey(instanceID: instanceID, outboxID: id)
                try db.cachedStatement(sql: "UPDATE outbox SET idempotency_key = ? WHERE id = ?").execute(arguments: [key, id])
                items.append(
                    OutboxItem(
                        id: id, chatID: turn.chatID, updateID: turn.updateID, part: part, replyTo: replyTo, text: text,
                        idempotencyKey: key, chatAddress: turn.chatAddress))
            }
            return items
        }
    }

    /// A reply's idempotency key: the store's random id and the outbox row's id, e.g. `3f2a…9c-1042`. Neither
    /// part is ever reused, so the key is unique for ever.
    static func idempotencyKey(instanceID: String, outboxID: Int64) -> String {
        "\(instanceID)-\(outboxID)"
    }

    // MARK: Store access

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StateStoreError) -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw .database(String(describing: error))
        }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StateStoreError) -> T {
        do {
            return try await pool.write(body)
        } catch {
            throw .database(String(describing: error))
        }
    }

    /// A write of the message path: like ``write(_:)``, but its transaction may be shared with the other such
    /// writes waiting at the same time (`GroupCommitter`); it runs in a savepoint of its own, so it fails alone.
    func groupWrite<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StateStoreError) -> T {
        try await committer.write(body)
    }

    /// Queues `body` for the next group commit and returns at once; `failed` hears of a body that threw or a batch
    /// that did not commit. `body` must leave no change behind when it throws (one statement does not).
    func submitWithoutWaiting(
        failed: @escaping @Sendable (StateStoreError) -> Void, _ body: @escaping @Sendable (Database) throws -> Void
    ) {
        committer.submit(
            GroupCommitter.Work(
                apply: { db in
                    do {
                        try body(db)
                    } catch {
                        let failure = StateStoreError.database(String(describing: error))
                        return { _ in failed(failure) }
                    }
                    return { commitFailure in if let commitFailure { failed(commitFailure) } }
                },
                abandon: failed))
    }

    /// Returns once every write queued for a group commit before this call is committed (or has failed).
    func drainWrites() async {
        _ = try? await committer.write { _ in }
    }
}

/// What handling one update produced, to be stored in one transaction.
struct HandledTurn: Sendable, Equatable {
    var updateID: Int64
    var chatID: Int64
    /// The chat's new state; nil keeps the stored one (non-text messages).
    var state: ConversationState?
    /// The reply, already split into messages of at most 4,096 characters.
    var replies: [String]
    /// The message the first part answers.
    var replyTo: Int64?
    /// The chat's own id when it is not a number (a Matrix room id).
    var chatAddress: String? = nil
}
