import Foundation
import GRDB
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
    /// Chats already read or created, by public id.
    let chatCache = ChatCache()
    /// The highest positive `offset` already applied by ``updates(offset:limit:)``: a `getUpdates` with an offset
    /// at or below it has nothing left to delete and needs only a read.
    let appliedOffset = Mutex<Int64>(0)

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
        // Many long polls read at once; more reader connections mean fewer waits for a free one.
        configuration.maximumReaderCount = 8
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch {
            throw .cannotOpen(path: path, reason: String(describing: error))
        }
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
        return migrator
    }

    /// Runs a write transaction, turning SQLite failures into ``RelayStoreError/database(_:)`` and letting the
    /// store's own errors through.
    func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws(RelayStoreError) -> T {
        do {
            return try await pool.write(updates)
        } catch let error as RelayStoreError {
            throw error
        } catch {
            throw .database(String(describing: error))
        }
    }

    /// Runs a read, turning SQLite failures into ``RelayStoreError/database(_:)``.
    func read<T: Sendable>(_ value: @escaping @Sendable (Database) throws -> T) async throws(RelayStoreError) -> T {
        do {
            return try await pool.read(value)
        } catch let error as RelayStoreError {
            throw error
        } catch {
            throw .database(String(describing: error))
        }
    }
}
