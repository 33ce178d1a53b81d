import GRDB

extension StateStore {
    /// The versioned schema. Append migrations; never edit a shipped one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: offset, handled updates, conversations, outbox") { db in
            try db.execute(
                sql: """
                    CREATE TABLE poll_state (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        next_offset INTEGER NOT NULL
                    );
                    CREATE TABLE handled_update (
                        update_id INTEGER PRIMARY KEY,
                        chat_id INTEGER NOT NULL,
                        handled_at REAL NOT NULL
                    );
                    CREATE TABLE conversation (
                        chat_id INTEGER PRIMARY KEY,
                        state TEXT NOT NULL,
                        updated_at REAL NOT NULL
                    );
                    CREATE TABLE outbox (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        chat_id INTEGER NOT NULL,
                        update_id INTEGER NOT NULL,
                        part INTEGER NOT NULL,
                        reply_to INTEGER,
                        text TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'dropped')),
                        attempts INTEGER NOT NULL DEFAULT 0,
                        created_at REAL NOT NULL,
                        finished_at REAL,
                        last_error TEXT
                    );
                    CREATE INDEX outbox_pending ON outbox(id) WHERE status = 'pending';
                    CREATE INDEX outbox_finished ON outbox(finished_at) WHERE status != 'pending';
                    """)
        }
        migrator.registerMigration("v2: sync token, chat addresses, database id") { db in
            // Channels polled with a token (Matrix's next_batch) keep it here, next to the Bot API's offset; chats whose
            // own id is not a number (Matrix room ids) keep it here, for the replies waiting in the outbox.
            try db.execute(
                sql: """
                    CREATE TABLE sync_state (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        token TEXT NOT NULL
                    );
                    CREATE TABLE chat_address (
                        chat_id INTEGER PRIMARY KEY,
                        address TEXT NOT NULL
                    );
                    CREATE INDEX handled_update_time ON handled_update(handled_at);
                    CREATE TABLE database_id (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        value TEXT NOT NULL
                    );
                    """)
            // Random, made once: with the outbox row id it keys each reply (Matrix's transaction id), so a database
            // made afresh never repeats the keys of an earlier one.
            try db.execute(
                sql: "INSERT INTO database_id (id, value) VALUES (1, ?)",
                arguments: [String(UInt64.random(in: 1...UInt64.max), radix: 36)])
        }
        return migrator
    }
}
