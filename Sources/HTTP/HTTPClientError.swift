/// Why an HTTP request got no complete response, in words a user can act on.
///
/// Compare with the static members (`error == .timedOut`, or `case .timedOut:` in a `switch`): equality looks
/// only at the kind of failure, not at ``target`` or ``detail``.
///
/// Neither the description nor any property ever contains the request URL's path, query or user info: the
/// Telegram bot token lives in the path.
public struct HTTPClientError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case couldNotConnect
        case couldNotResolveHost
        case timedOut
        case tlsFailure
        case responseTooLarge
        case lowSpeed
        case connectionLost
        case cancelled
        case malformedURL
        case invalidRequest
        case shutDown
        case other
    }

    private let code: Code

    /// The server as `scheme://host:port` (see ``HTTPRequest/redactedURL``), or `nil` when unknown.
    public let target: String?

    /// libcurl's own explanation with any part of the URL path removed, e.g.
    /// `Failed to connect to 127.0.0.1 port 9 after 0 ms: Couldn't connect to server`; `nil` when there is none.
    public let detail: String?

    private init(_ code: Code, target: String? = nil, detail: String? = nil) {
        self.code = code
        self.target = target
        self.detail = detail
    }

    /// The TCP connection could not be made: the server refused it (nothing listens on the port) or the host
    /// is unreachable.
    public static let couldNotConnect = HTTPClientError(.couldNotConnect)
    /// The host name (or the proxy's) could not be resolved: a typo, no DNS, or no network.
    public static let couldNotResolveHost = HTTPClientError(.couldNotResolveHost)
    /// The request's total timeout (or the connect timeout) ran out.
    public static let timedOut = HTTPClientError(.timedOut)
    /// The TLS handshake failed or the server's certificate was not trusted for its host name.
    public static let tlsFailure = HTTPClientError(.tlsFailure)
    /// The response body was larger than ``CurlHTTPClient/Configuration/maxResponseBodySize``.
    public static let responseTooLarge = HTTPClientError(.responseTooLarge)
    /// The transfer was slower than the configured low-speed limit for too long (a stalled connection).
    public static let lowSpeed = HTTPClientError(.lowSpeed)
    /// The connection broke before the response was complete (reset, closed, or an empty reply).
    public static let connectionLost = HTTPClientError(.connectionLost)
    /// The calling task was cancelled; the transfer was stopped.
    public static let cancelled = HTTPClientError(.cancelled)
    /// The URL could not be used: malformed, or a scheme other than `http` and `https`.
    public static let malformedURL = HTTPClientError(.malformedURL)
    /// The request itself is invalid, e.g. a header containing a line break.
    public static let invalidRequest = HTTPClientError(.invalidRequest)
    /// The client was shut down before or while the request ran.
    public static let shutDown = HTTPClientError(.shutDown)
    /// Any other failure; ``detail`` carries libcurl's message.
    public static let other = HTTPClientError(.other)

    /// This error with the redacted target and a detail message attached.
    func with(target: String?, detail: String? = nil) -> HTTPClientError {
        HTTPClientError(code, target: target, detail: detail)
    }

    /// Whether this error means the caller's task was cancelled (as opposed to a failed request).
    public var isCancellation: Bool {
        code == .cancelled
    }

    /// Whether trying again later may succeed: network, DNS, timeout, stall and dropped-connection failures.
    public var isTransient: Bool {
        switch code {
        case .couldNotConnect, .couldNotResolveHost, .timedOut, .lowSpeed, .connectionLost: true
        default: false
        }
    }

    /// A sentence saying what failed and what to check, e.g. "could not connect to http://127.0.0.1:9: the
    /// server refused the connection or is unreachable; check that it is running and the address is right".
    public var description: String {
        let server = target ?? "the server"
        let summary =
            switch code {
            case .couldNotConnect:
                "could not connect to \(server): the server refused the connection or is unreachable; "
                    + "check that it is running and that the address and port are right"
            case .couldNotResolveHost:
                "could not resolve the host name of \(server); check the host name, DNS and proxy settings"
            case .timedOut:
                "request to \(server) timed out"
            case .tlsFailure:
                "TLS connection to \(server) failed: the handshake failed or the certificate is not trusted "
                    + "for this host name"
            case .responseTooLarge:
                "response from \(server) is larger than the client's response size limit"
            case .lowSpeed:
                "transfer from \(server) stalled (slower than the low-speed limit) and was aborted"
            case .connectionLost:
                "connection to \(server) was lost before the response was complete"
            case .cancelled:
                "request to \(server) was cancelled"
            case .malformedURL:
                "the request URL is malformed or its scheme is not http or https"
            case .invalidRequest:
                "the request to \(server) is invalid"
            case .shutDown:
                "the HTTP client has been shut down"
            case .other:
                "request to \(server) failed"
            }
        guard let detail, !detail.isEmpty else { return summary }
        return "\(summary) (\(detail))"
    }

    /// Errors are equal when they are the same kind of failure, whatever their target and detail.
    public static func == (lhs: HTTPClientError, rhs: HTTPClientError) -> Bool {
        lhs.code == rhs.code
    }

    /// Hashes the kind of failure only, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
    }
}
