/// The chat endpoints the daemon can poll: two speak the Telegram Bot API protocol, one the Matrix client-server API.
public enum ChannelKind: String, Sendable, Equatable, CaseIterable, CustomStringConvertible {
    /// The local relay of `huabei-bot relay`: the daemon's embedded default and its test server.
    case local
    /// The real Telegram Bot API.
    case telegram
    /// A Matrix homeserver (Synapse, …) through its client-server API: `/sync` long polls, rooms as chats.
    case matrix

    /// The base URL used when none is configured.
    public var defaultBaseURL: String {
        switch self {
        case .local: "http://127.0.0.1:8080"
        case .telegram: "https://api.telegram.org"
        // Synapse's default client listener.
        case .matrix: "http://127.0.0.1:8008"
        }
    }

    /// How the server keeps the daemon's place in its stream of updates.
    public var cursor: PollCursorKind {
        self == .matrix ? .token : .offset
    }

    /// `local`, `telegram` or `matrix`, as in the configuration and the turn log.
    public var description: String { rawValue }
}

/// How a channel's position in the update stream is kept.
public enum PollCursorKind: Sendable, Equatable {
    /// A number one past the last update handled (the Bot API's `offset`): ``ChatChannel/getUpdates(offset:limit:timeout:)``.
    case offset
    /// An opaque token the server hands out with every batch (Matrix's `next_batch`):
    /// ``ChatChannel/getUpdates(since:timeout:)``.
    case token
}
