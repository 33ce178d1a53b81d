/// Who wrote a message: the person in the browser or the bot.
enum Sender: String, Sendable, Codable {
    case user
    case bot
}

/// A chat row: its Telegram-style id, the id in people-side URLs, and the SHA-256 digest of its token.
struct StoredChat: Sendable, Equatable {
    let id: Int64
    let publicID: String
    let tokenDigest: [UInt8]
}

/// A message row.
struct StoredMessage: Sendable, Equatable {
    let id: Int64
    let chatID: Int64
    let sender: Sender
    let text: String
    /// Unix time in seconds.
    let date: Int64
    let replyTo: Int64?
}

/// An update waiting for the bot: a user message and the update id that confirms it.
struct PendingUpdate: Sendable, Equatable {
    let updateID: Int64
    let message: StoredMessage
}
