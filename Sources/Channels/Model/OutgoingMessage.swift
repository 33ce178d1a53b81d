/// One reply as the daemon hands it to a channel: where it goes, what it says, and a key that makes a resend
/// harmless on channels whose sends are idempotent (Matrix's transaction id).
public struct OutgoingMessage: Sendable, Equatable {
    /// The chat, as the daemon keys it.
    public var chatID: Int64
    /// The chat's own id on channels whose chats are not numbers (a Matrix room id `!abc:example.org`); nil on the
    /// Bot API.
    public var chatAddress: String?
    /// The text; line breaks are kept.
    public var text: String
    /// The message it answers, when the channel can show that.
    public var replyTo: Int64?
    /// Permanent for this reply: every resend of it carries the same key. Nil on channels without idempotent replies.
    public var idempotencyKey: String?

    /// Creates a message.
    public init(chatID: Int64, chatAddress: String? = nil, text: String, replyTo: Int64? = nil, idempotencyKey: String? = nil) {
        self.chatID = chatID
        self.chatAddress = chatAddress
        self.text = text
        self.replyTo = replyTo
        self.idempotencyKey = idempotencyKey
    }
}
