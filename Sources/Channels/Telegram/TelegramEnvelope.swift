import JSONWriting

/// The Bot API's JSON envelopes: `{"ok":true,"result":…}` and `{"ok":false,"error_code":N,"description":"…"}`.
enum TelegramEnvelope {
    /// A success envelope with its result.
    struct Success<Result: Decodable>: Decodable {
        var ok: Bool
        var result: Result
    }

    /// A failure envelope (or the fields of one), read leniently: every field is optional.
    struct Failure: Decodable {
        struct Parameters: Decodable {
            var retryAfter: Int?

            enum CodingKeys: String, CodingKey {
                case retryAfter = "retry_after"
            }
        }

        var ok: Bool?
        var errorCode: Int?
        var description: String?
        var parameters: Parameters?

        enum CodingKeys: String, CodingKey {
            case ok
            case errorCode = "error_code"
            case description
            case parameters
        }
    }

    /// `getMe`'s result.
    struct User: Decodable {
        var id: Int64
        var firstName: String?
        var username: String?

        enum CodingKeys: String, CodingKey {
            case id
            case firstName = "first_name"
            case username
        }
    }

    /// The part of `sendMessage`'s result the daemon reads.
    struct SentMessage: Decodable {
        var messageID: Int64

        enum CodingKeys: String, CodingKey {
            case messageID = "message_id"
        }
    }

    // Request parameters are written with `JSONWriter`, `nil` members left out.

    /// `getUpdates` parameters.
    struct GetUpdates: JSONWritable {
        var offset: Int64
        var limit: Int
        var timeout: Int

        func write(to writer: inout JSONWriter) {
            writer.beginObject()
            writer.member("offset", offset)
            writer.member("limit", limit)
            writer.member("timeout", timeout)
            writer.endObject()
        }
    }

    /// `sendMessage` parameters.
    struct SendMessage: JSONWritable {
        var chatID: Int64
        var text: String
        var replyToMessageID: Int64?
        var allowSendingWithoutReply: Bool?

        func write(to writer: inout JSONWriter) {
            writer.beginObject()
            writer.member("chat_id", chatID)
            writer.member("text", text)
            writer.member("reply_to_message_id", ifPresent: replyToMessageID)
            writer.member("allow_sending_without_reply", ifPresent: allowSendingWithoutReply)
            writer.endObject()
        }
    }

    /// `setMyCommands` parameters: `{"commands": [{"command": "start", "description": "…"}]}`.
    struct SetMyCommands: JSONWritable {
        var commands: [BotCommandDescription]

        func write(to writer: inout JSONWriter) {
            writer.beginObject()
            writer.key("commands")
            writer.beginArray()
            for command in commands {
                writer.beginObject()
                writer.member("command", command.command)
                writer.member("description", command.description)
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
        }
    }

    /// An empty parameter object for `getMe`.
    struct NoParameters: JSONWritable {
        func write(to writer: inout JSONWriter) {
            writer.beginObject()
            writer.endObject()
        }
    }
}
