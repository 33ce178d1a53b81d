/// A chat endpoint: what the daemon polls and answers through.
///
/// ``TelegramBotAPI`` implements it over HTTP for the Bot API (polled with an offset), ``MatrixClient`` for Matrix
/// (polled with a token, see ``kind`` and ``ChannelKind/cursor``); tests use fakes. Every method throws ``ChannelError`` only, and
/// ``ChannelError/Kind/cancelled`` when the calling task is cancelled.
public protocol ChatChannel: Sendable {
    /// Which endpoint this is, for logs and the turn log.
    var kind: ChannelKind { get }

    /// `getMe`: checks the token and returns the bot's identity.
    func getMe() async throws(ChannelError) -> BotIdentity

    /// `getUpdates`: confirms every update below `offset` and returns the next ones, waiting up to `timeout`
    /// seconds for one. Updates that cannot be read are reported in ``UpdateBatch/malformed``, not thrown.
    func getUpdates(offset: Int64, limit: Int, timeout: Int) async throws(ChannelError) -> UpdateBatch

    /// `sendMessage`: sends `text` to `chatID`, as a reply to message `replyTo` when it is given (and still
    /// sent when that message is gone). Returns the sent message's id.
    func sendMessage(chatID: Int64, text: String, replyTo: Int64?) async throws(ChannelError) -> Int64

    /// Whether `sendMessage` honours an idempotency key: a repeat with the key of a reply already taken answers
    /// that reply and shows nothing new, so a restarted daemon may resend every reply it is unsure about. True for
    /// the local relay; false for Telegram, whose `sendMessage` shows every repeat (the default).
    var hasIdempotentReplies: Bool { get }

    /// `sendMessage` with an idempotency key (sent only when ``hasIdempotentReplies``); the default ignores the
    /// key.
    func sendMessage(chatID: Int64, text: String, replyTo: Int64?, idempotencyKey: String?) async throws(ChannelError)
        -> Int64

    /// `setMyCommands`: the commands chat apps offer for this bot, each with its description. Channels that cannot
    /// register commands throw ``ChannelError/Kind/notFound`` (the default).
    func setMyCommands(_ commands: [BotCommandDescription]) async throws(ChannelError)

    /// For channels polled with a token (``PollCursorKind/token``): the updates after `token`, waiting up to
    /// `timeout` seconds for one; ``UpdateBatch/nextToken`` is where to poll from next. With `token` nil (the very
    /// first start) the answer holds no messages: what was said before the bot started is history.
    func getUpdates(since token: String?, timeout: Int) async throws(ChannelError) -> UpdateBatch

    /// Sends one reply. The default calls ``sendMessage(chatID:text:replyTo:)``; channels with idempotent sends use
    /// ``OutgoingMessage/idempotencyKey``.
    func send(_ message: OutgoingMessage) async throws(ChannelError)
}

extension ChatChannel {
    /// Not supported: the Bot API is polled with an offset.
    public func getUpdates(since token: String?, timeout: Int) async throws(ChannelError) -> UpdateBatch {
        throw ChannelError(.refused, method: "sync", detail: "this channel is polled with an offset")
    }

    /// `sendMessage` with the message's key (which only a channel with idempotent replies sends).
    public func send(_ message: OutgoingMessage) async throws(ChannelError) {
        _ = try await sendMessage(
            chatID: message.chatID, text: message.text, replyTo: message.replyTo, idempotencyKey: message.idempotencyKey)
    }

    /// Not idempotent, as Telegram.
    public var hasIdempotentReplies: Bool { false }

    /// Sends without the key.
    public func sendMessage(chatID: Int64, text: String, replyTo: Int64?, idempotencyKey: String?) async throws(ChannelError)
        -> Int64
    {
        try await sendMessage(chatID: chatID, text: text, replyTo: replyTo)
    }

    /// Not supported: throws ``ChannelError/Kind/notFound``, as a server without the method answers.
    public func setMyCommands(_ commands: [BotCommandDescription]) async throws(ChannelError) {
        throw ChannelError(.notFound, method: "setMyCommands", detail: "this channel does not register commands")
    }
}

/// A command as `setMyCommands` registers it: `start` and what it does.
public struct BotCommandDescription: Sendable, Equatable {
    /// The command without its slash: 1–32 of a-z, 0-9 and _.
    public var command: String
    /// Shown next to the command: 1–256 characters.
    public var description: String

    /// Creates a command description.
    public init(command: String, description: String) {
        self.command = command
        self.description = description
    }
}
