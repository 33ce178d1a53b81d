/// The Telegram Bot API objects the relay produces, with Telegram's field names.
enum Telegram {
    /// `User`.
    struct User: Sendable, Equatable, Codable {
        var id: Int64
        var isBot: Bool
        var firstName: String
        var username: String?
        var languageCode: String?
        var canJoinGroups: Bool?
        var canReadAllGroupMessages: Bool?
        var supportsInlineQueries: Bool?

        enum CodingKeys: String, CodingKey {
            case id
            case isBot = "is_bot"
            case firstName = "first_name"
            case username
            case languageCode = "language_code"
            case canJoinGroups = "can_join_groups"
            case canReadAllGroupMessages = "can_read_all_group_messages"
            case supportsInlineQueries = "supports_inline_queries"
        }
    }

    /// `BotCommand`: a command the bot registered, without its slash.
    struct BotCommand: Sendable, Equatable, Codable {
        var command: String
        var description: String
    }

    /// `Chat`: every web chat is a private chat.
    struct Chat: Sendable, Equatable, Codable {
        var id: Int64
        var type: String
        var firstName: String?

        enum CodingKeys: String, CodingKey {
            case id
            case type
            case firstName = "first_name"
        }
    }

    /// `Message`, with the replied-to message one level deep as Telegram sends it.
    struct Message: Sendable, Equatable, Codable {
        var messageID: Int64
        var from: User
        var chat: Chat
        var date: Int64
        var text: String
        var replyToMessage: RepliedMessage?

        enum CodingKeys: String, CodingKey {
            case messageID = "message_id"
            case from
            case chat
            case date
            case text
            case replyToMessage = "reply_to_message"
        }
    }

    /// The `reply_to_message` inside a `Message` (Telegram does not nest it further).
    struct RepliedMessage: Sendable, Equatable, Codable {
        var messageID: Int64
        var from: User
        var chat: Chat
        var date: Int64
        var text: String

        enum CodingKeys: String, CodingKey {
            case messageID = "message_id"
            case from
            case chat
            case date
            case text
        }
    }

    /// `Update` carrying a `message`.
    struct Update: Sendable, Equatable, Codable {
        var updateID: Int64
        var message: Message

        enum CodingKeys: String, CodingKey {
            case updateID = "update_id"
            case message
        }
    }

    /// `WebhookInfo`, for daemons that check no webhook is set before polling.
    struct WebhookInfo: Sendable, Equatable, Codable {
        var url: String
        var hasCustomCertificate: Bool
        var pendingUpdateCount: Int

        enum CodingKeys: String, CodingKey {
            case url
            case hasCustomCertificate = "has_custom_certificate"
            case pendingUpdateCount = "pending_update_count"
        }
    }

    /// The success envelope `{"ok":true,"result":…}`.
    struct Success<Result: Encodable & Sendable>: Encodable, Sendable {
        let ok = true
        var result: Result

        enum CodingKeys: String, CodingKey {
            case ok
            case result
        }
    }

    /// The error envelope `{"ok":false,"error_code":N,"description":"…","parameters":{…}}`.
    struct Failure: Sendable, Equatable, Codable {
        struct Parameters: Sendable, Equatable, Codable {
            var retryAfter: Int?

            enum CodingKeys: String, CodingKey {
                case retryAfter = "retry_after"
            }
        }

        var ok = false
        var errorCode: Int
        var description: String
        var parameters: Parameters?

        enum CodingKeys: String, CodingKey {
            case ok
            case errorCode = "error_code"
            case description
            case parameters
        }
    }
}
