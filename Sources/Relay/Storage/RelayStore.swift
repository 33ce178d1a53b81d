import Foundation
import GRDB
import GroupCommit
import Synchronization

/// The relay's durable state in one SQLite database (`relay.sqlite`, WAL) under the data directory: chats,
/// their messages, and the bot's queue of unconfirmed updates. Everything a restart must not lose lives here;
/// the in-memory parts of the relay (waiting polls, rate buckets) can be rebuilt from nothing.
///
/// Commits use `synchronous = NORMAL`, the usual choice with WAL: a crash or kill of the relay loses nothing;
/// a power cut may lose the last commits.
final class RelayStore: Sendable {
    /// The file name of the database inside the data directory.
    static let fileName = "relay.sqlite"

    let pool: DatabasePool
    /// Runs every read and write on the writer connection, many requests per transaction.
    let committer: GroupCommitter<RelayStoreError>
    /// The latest messages of active chats, for browser polls.
    let recentMessages: RecentMessages
    /// Chats already read or created, by public id.
    let chatCache = ChatCache()
    /// Messages per chat, for the bound on a chat's messages; changed only inside write transactions.
    let messageCounts = MessageCounts()
    /// The highest positive `offset` already applied by ``updates(offset:limit:)``: a `getUpdates` with an offset
    /// at or below it has nothing left to delete and needs only a read.
    let appliedOffset = Mutex<Int64>(0)
    /// How many idempotency keys are stored, and when expired ones were last deleted.
    let idempotencyKeys: Mutex<IdempotencyKeyCount>

    /// Opens (creating when missing) the database in `directory` and migrates it to the current schema.
    init(directory: String) throws(RelayStoreError) {
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cannotOpen(path: directory, reason: "cannot create the data directory")
        }
        let path = (directory as NSString).appendingPathComponent(Self.fileName)
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        // Reads and writes all run on the writer connection (see `GroupCommitter`); GRDB's own work (migrations,
        // checkpoints) needs at most one reader.
        configuration.maximumReaderCount = 1
        configuration.prepareDatabase { db in
            // Durable against crashes and kills of the relay process under WAL; only a power cut may lose the
            // last commits.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 1 MiB of page cache per connection (SQLite's default is 2 MiB): the hot pages are the tails of
            // three small tables.
            try db.execute(sql: "PRAGMA cache_size = -1024")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
            let lastMessageID = try pool.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM message") } ?? 0
            recentMessages = RecentMessages(floor: lastMessageID)
            let keyCount = try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM idempotency_key") } ?? 0
            idempotencyKeys = Mutex(IdempotencyKeyCount(count: keyCount))
        } catch {
            throw .cannotOpen(path: path, reason: String(describing: error))
        }
        committer = GroupCommitter(writer: pool) { .database(String(describing: $0)) }
    }

    /// Closes the database connections; the store is unusable afterwards.
    func close() {
        try? pool.close()
    }

    /// The versioned schema. Append migrations; never edit a shipped one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: chats, messages, bot updates") { db in
            // `id` is the Telegram-style chat id the bot sees; `public_id` is the id in the people-side URLs.
            try db.execute(
                sql: """
                    CREATE TABLE chat (
                        id INTEGER PRIMARY KEY,
                        public_id TEXT NOT NULL UNIQUE,
                        token_digest BLOB NOT NULL,
                        created_at INTEGER NOT NULL
                    );
                    CREATE TABLE message (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        chat_id INTEGER NOT NULL REFERENCES chat(id) ON DELETE CASCADE,
                        sender TEXT NOT NULL CHECK (sender IN ('user', 'bot')),
                        text TEXT NOT NULL,
                        date INTEGER NOT NULL,
                        reply_to INTEGER
                    );
                    CREATE INDEX message_by_chat ON message(chat_id, id);
                    CREATE TABLE bot_update (
                        update_id INTEGER PRIMARY KEY AUTOINCREMENT,
                        message_id INTEGER NOT NULL REFERENCES message(id) ON DELETE CASCADE
                    );
                    """)
        }
        migrator.registerMigration("v2: idempotency keys of bot messages") { db in
            // One row per `Idempotency-Key` the bot sent with a `sendMessage`: enough to answer a repeat with the
            // original message even when that message is gone. See `RelayStore+IdempotencyKeys.swift`.
            try db.execute(
                sql: """
                    CREATE TABLE idempotency_key (
                        key TEXT PRIMARY KEY,
                        fingerprint BLOB NOT NULL,
                        chat_id INTEGER NOT NULL,
                        message_id INTEGER NOT NULL,
                        date INTEGER NOT NULL,
                        reply_to INTEGER,
                        created_at INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    CREATE INDEX idempotency_key_by_age ON idempotency_key(created_at);
                    """)
        }
        return migrator
    }

    /// How a write that fails is kept out of the batch it shares a transaction with.
    enum WriteIsolation {
        /// In its own savepoint: whatever the write changed before it threw is rolled back, the batch goes on.
        case savepoint
        /// Without a savepoint (two statements fewer): the write makes its checks before its first change, so when
        /// it throws it has usually changed nothing and fails alone; if it had changed something, the whole batch
        /// rolls back and fails, so no partial write is ever committed.
        case checksFirst
    }

    /// Runs `updates` inside the next group-commit transaction and returns once that transaction committed,
    /// turning SQLite failures into ``RelayStoreError/database(_:)`` and letting the store's own errors through
    /// (see ``WriteIsolation`` for what they roll back).
    ///
    /// `committed`, if given, runs with the result once the transaction committed, before this call returns, in
    /// commit order.
    func write<T: Sendable>(
        isolation: WriteIsolation = .savepoint,
        _ updates: @escaping @Sendable (Database) throws -> T, committed: (@Sendable (T) -> Void)? = nil
    ) async throws(RelayStoreError) -> T {
        try await submit(isolation: isolation, updates, committed: committed)
    }

    /// Runs a read in the next group-commit transaction, turning SQLite failures into
    /// ``RelayStoreError/database(_:)``. It sees everything committed before it.
    func read<T: Sendable>(_ value: @escaping @Sendable (Database) throws -> T) async throws(RelayStoreError) -> T {
        try await submit(isolation: nil, value, committed: nil)
    }

    /// `isolation` is nil for a read.
    private func submit<T: Sendable>(
        isolation: WriteIsolation?, _ body: @escaping @Sendable (Database) throws -> T,
        committed: (@Sendable (T) -> Void)?
    ) async throws(RelayStoreError) -> T {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, RelayStoreError>, Never>) in
            committer.submit(
                GroupCommitter<RelayStoreError>.Work(
                    apply: { db in
                        let outcome = try self.run(body, in: db, isolation: isolation)
                        return { commitFailure in
                            if let commitFailure {
                                // The batch rolled back, with the messages it counted.
                                self.messageCounts.reset()
                                continuation.resume(returning: .failure(commitFailure))
                                return
                            }
                            if let committed, case .success(let value) = outcome { committed(value) }
                            continuation.resume(returning: outcome)
                        }
                    },
                    abandon: { failure in continuation.resume(returning: .failure(failure)) }))
        }
        return try result.get()
    }

    /// The body's outcome; throws only to roll the whole batch back (a `checksFirst` write that failed after a
    /// change).
    private func run<T>(
        _ body: (Database) throws -> T, in db: Database, isolation: WriteIsolation?
    ) throws -> Result<T, RelayStoreError> {
        switch isolation {
        case nil:
            do { return .success(try body(db)) } catch { return .failure(Self.storeError(error)) }
        case .checksFirst:
            let changesBefore = db.totalChangesCount
            do {
                return .success(try body(db))
            } catch {
                guard db.totalChangesCount == changesBefore else {
                    messageCounts.reset()
                    throw error
                }
                return .failure(Self.storeError(error))
            }
        case .savepoint:
            var value: T?
            do {
                try db.inSavepoint {
                    value = try body(db)
                    return .commit
                }
                guard let value else { return .failure(.database("the write returned no value")) }
                return .success(value)
            } catch {
                // A savepoint that failed after its body returned rolled back what the body counted.
                if value != nil { messageCounts.reset() }
                return .failure(Self.storeError(error))
            }
        }
    }

    private static func storeError(_ error: any Error) -> RelayStoreError {
        (error as? RelayStoreError) ?? .database(String(describing: error))
    }
}
