/// A chat endpoint speaking the Telegram Bot API protocol: what the daemon polls and answers through.
///
/// ``TelegramBotAPI`` implements it over HTTP; tests use fakes. Every method throws ``ChannelError`` only, and
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
}
