/// Why the daemon stopped (or never started), with the process exit code the command line reports.
///
/// | exit code | meaning |
/// |---|---|
/// | 0 | stopped by SIGTERM or SIGINT after finishing its work |
/// | 70 | an unexpected internal error |
/// | 73 | the data directory or the state database cannot be used (or another daemon holds it) |
/// | 77 | the chat endpoint refused the bot token (401, or 404 on getMe) |
/// | 78 | the configuration, the intents or the token settings are invalid |
public struct DaemonError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of failure, each with its exit code.
    public enum Kind: Sendable, Equatable {
        case configuration
        case tokenRejected
        case store
        case internalError
    }

    /// What failed.
    public let kind: Kind
    /// A message an operator can act on; never the token.
    public let description: String

    /// The process exit code for this failure (`sysexits.h` values).
    public var exitCode: Int32 {
        switch kind {
        case .configuration: 78
        case .tokenRejected: 77
        case .store: 73
        case .internalError: 70
        }
    }

    static func configuration(_ message: String) -> DaemonError {
        DaemonError(kind: .configuration, description: message)
    }

    static func tokenRejected(_ detail: String) -> DaemonError {
        DaemonError(
            kind: .tokenRejected,
            description: "the chat endpoint refused the bot token (\(detail)); check HUABEI_BOT_TOKEN or the token file: "
                + "for Telegram, the token @BotFather gave; for the local relay, the token the relay uses (its data/bot.token); "
                + "for Matrix, the bot account's access token, or its user id and password file")
    }

    static func store(_ message: String) -> DaemonError {
        DaemonError(kind: .store, description: message)
    }

    static func internalError(_ message: String) -> DaemonError {
        DaemonError(kind: .internalError, description: message)
    }
}
