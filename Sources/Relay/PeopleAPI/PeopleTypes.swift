/// The JSON bodies of the people-side API.
enum People {
    /// `POST /api/chats` → `{"chat_id": "…", "token": "…"}`.
    struct CreatedChat: Codable, Sendable, Equatable {
        var chatID: String
        var token: String

        enum CodingKeys: String, CodingKey {
            case chatID = "chat_id"
            case token
        }
    }

    /// `POST /api/chats/{chat_id}/messages` → `{"id": N}`.
    struct CreatedMessage: Codable, Sendable, Equatable {
        var id: Int64
    }

    /// One message of `GET /api/chats/{chat_id}/messages`.
    struct Message: Codable, Sendable, Equatable {
        var id: Int64
        var from: Sender
        var text: String
        /// Unix time in seconds.
        var time: Int64
    }

    /// `GET /api/chats/{chat_id}/messages` → `{"messages": […]}`.
    struct Messages: Codable, Sendable, Equatable {
        var messages: [Message]
    }

    /// `GET /api/status` → whether the bot is polling.
    struct Status: Codable, Sendable, Equatable {
        /// A `getUpdates` runs now or ended less than `offline_after_seconds` ago.
        var botOnline: Bool
        /// A `getUpdates` is waiting for messages right now.
        var botPolling: Bool
        /// Seconds since a `getUpdates` ended (0 while one runs); null when none was seen since the relay started.
        var botLastSeenSecondsAgo: Int?
        var offlineAfterSeconds: Int

        enum CodingKeys: String, CodingKey {
            case botOnline = "bot_online"
            case botPolling = "bot_polling"
            case botLastSeenSecondsAgo = "bot_last_seen_seconds_ago"
            case offlineAfterSeconds = "offline_after_seconds"
        }
    }
}
