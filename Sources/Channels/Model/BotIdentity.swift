/// Who the bot is, as `getMe` reports it.
public struct BotIdentity: Sendable, Equatable {
    /// The bot's user id.
    public var id: Int64
    /// The bot's `@username`, when it has one.
    public var username: String?
    /// The bot's display name.
    public var firstName: String

    /// Creates an identity.
    public init(id: Int64, username: String?, firstName: String) {
        self.id = id
        self.username = username
        self.firstName = firstName
    }
}
