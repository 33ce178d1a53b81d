/// Why a Bot API call failed, sorted by what the caller should do about it.
///
/// The description names the method and the server's own explanation, never the URL path (which holds the
/// token).
public struct ChannelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of failure.
    public enum Kind: Sendable, Equatable {
        /// 401: the token was refused.
        case unauthorized
        /// 404: Telegram's answer to an unknown token (or an unknown method).
        case notFound
        /// 409: another `getUpdates` (a second daemon) or a webhook uses this token.
        case conflict
        /// 429: too many requests; wait ``ChannelError/retryAfter``.
        case rateLimited
        /// 5xx: the server failed; try again later.
        case serverError
        /// Any other 4xx (400 chat not found, 403 blocked by the user): the request itself is refused, and
        /// sending it again will not help.
        case refused
        /// A success status whose body is not the Bot API's JSON envelope (truncated, not JSON).
        case malformedResponse
        /// No complete response: connection refused, DNS, timeout, dropped connection, TLS.
        case transport
        /// The calling task was cancelled.
        case cancelled
    }

    /// What went wrong.
    public let kind: Kind
    /// The Bot API method, e.g. `getUpdates`.
    public let method: String
    /// The HTTP status or Bot API `error_code`, when the server answered.
    public let status: Int?
    /// For ``Kind/rateLimited``: how long the server asked to wait.
    public let retryAfter: Duration?
    /// The server's `description`, or the transport error's explanation (without the URL path).
    public let detail: String

    /// Creates an error; the client and fakes in tests use it.
    public init(_ kind: Kind, method: String, status: Int? = nil, retryAfter: Duration? = nil, detail: String = "") {
        self.kind = kind
        self.method = method
        self.status = status
        self.retryAfter = retryAfter
        self.detail = detail
    }

    /// The token itself was rejected (401, or 404 as Telegram answers an unknown token).
    public var isTokenRejected: Bool {
        kind == .unauthorized || kind == .notFound
    }

    /// Sending the same request again will fail the same way (400, 403, …).
    public var isPermanentRefusal: Bool {
        kind == .refused
    }

    /// A sentence for the process log.
    public var description: String {
        let summary: String =
            switch kind {
            case .unauthorized: "the bot token was refused (401 Unauthorized)"
            case .notFound: "the server does not know this bot token or method (404 Not Found)"
            case .conflict: "another poller (a second daemon or a webhook) uses this bot token (409 Conflict)"
            case .rateLimited: "too many requests (429), retry after \(retryAfter.map(Self.seconds) ?? "?")"
            case .serverError: "the server failed (\(status.map(String.init) ?? "5xx"))"
            case .refused: "the server refused the request (\(status.map(String.init) ?? "4xx"))"
            case .malformedResponse: "the server's answer is not a Bot API response"
            case .transport: "no response"
            case .cancelled: "cancelled"
            }
        return detail.isEmpty ? "\(method): \(summary)" : "\(method): \(summary): \(detail)"
    }

    static func seconds(_ duration: Duration) -> String {
        let components = duration.components
        let value = Double(components.seconds) + Double(components.attoseconds) / 1e18
        return value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
