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
        migrator.registerMigration("v2: store identity, idempotency keys of replies") { db in
            // A random id made once, when the database is created (or first migrated), so that a reply's key (this id
            // and the outbox row's id, which AUTOINCREMENT never reuses) is unique for ever, also across data
            // directories that talk to the same relay.
            try db.execute(
                sql: """
                    CREATE TABLE store_identity (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        instance_id TEXT NOT NULL
                    );
                    INSERT INTO store_identity (id, instance_id) VALUES (1, lower(hex(randomblob(16))));
                    ALTER TABLE outbox ADD COLUMN idempotency_key TEXT;
                    UPDATE outbox SET idempotency_key = (SELECT instance_id FROM store_identity) || '-' || id;
                    """)
        }
        migrator.registerMigration("v3: sync token, chat addresses") { db in
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
                    """)
        }
        return migrator
    }
}
