#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// An HTTP request: method, URL, header fields and body.
///
/// The URL may carry a secret in its path (Telegram's `/bot<token>/getUpdates`), so `description`, `dump` and
/// every error show only ``redactedURL`` (`scheme://host:port`).
public struct HTTPRequest: Sendable, Hashable {
    /// The request method.
    public var method: HTTPMethod
    /// The absolute `http` or `https` URL to send the request to. Never log it: use ``redactedURL``.
    public var url: URL
    /// Header fields to send. The client adds `Host`, `User-Agent`, `Accept`, `Accept-Encoding` and
    /// `Content-Length` itself; a field given here replaces the client's.
    public var headers: HTTPHeaders
    /// The request body; empty for none. Sent with `Content-Length`, without `Expect: 100-continue`.
    public var body: Data

    /// Creates a request.
    public init(method: HTTPMethod = .get, url: URL, headers: HTTPHeaders = [:], body: Data = Data()) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// Creates a `POST` request whose body is already-encoded JSON, with `Content-Type: application/json`.
    public static func postJSON(url: URL, body: Data, headers: HTTPHeaders = [:]) -> HTTPRequest {
        var headers = headers
        headers.replaceOrAdd(name: "Content-Type", value: "application/json")
        return HTTPRequest(method: .post, url: url, headers: headers, body: body)
    }

    /// The URL reduced to `scheme://host:port`, safe to log: no user, path, query or fragment.
    public var redactedURL: String {
        RedactedURL(url).description
    }
}

extension HTTPRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A loggable summary, e.g. `POST https://api.telegram.org:443 (42-byte body)`; the URL is redacted.
    public var description: String {
        "\(method) \(redactedURL) (\(body.count)-byte body)"
    }

    /// Same as ``description``: the URL is redacted here too.
    public var debugDescription: String {
        description
    }

    /// A mirror that shows the redacted URL, so `dump(request)` cannot leak a token either.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "method": method.rawValue,
                "url": redactedURL,
                "headers": headers.map(\.name),
                "bodyByteCount": body.count,
            ],
            displayStyle: .struct
        )
    }
}
