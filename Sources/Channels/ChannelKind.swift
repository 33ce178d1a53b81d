/// The chat endpoints the daemon can poll. Both speak the Telegram Bot API protocol.
public enum ChannelKind: String, Sendable, Equatable, CaseIterable, CustomStringConvertible {
    /// The local relay of `huabei-bot relay`: the daemon's embedded default and its test server.
    case local
    /// The real Telegram Bot API.
    case telegram

    /// The base URL used when none is configured.
    public var defaultBaseURL: String {
        switch self {
        case .local: "http://127.0.0.1:8080"
        case .telegram: "https://api.telegram.org"
        }
    }

    /// `local` or `telegram`, as in the configuration and the turn log.
    public var description: String { rawValue }
}
