#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A URL reduced to what is safe to log: `scheme://host:port`.
///
/// The Telegram bot token lives in the URL path (`/bot<token>/getUpdates`), so nothing derived from the path,
/// query, fragment or user info may reach a log line or an error message. This type keeps only the origin and
/// can scrub a libcurl message of every part of the URL that could hold a secret.
struct RedactedURL: CustomStringConvertible, Sendable {
    /// `scheme://host:port`, or a placeholder when the URL has no scheme or host.
    let description: String
    private let url: URL

    init(_ url: URL) {
        let scheme = url.scheme?.lowercased()
        let host = url.host(percentEncoded: false)
        if let scheme, let host, !host.isEmpty {
            let bracketedHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
            let port = url.port ?? Self.defaultPort(for: scheme)
            description = port.map { "\(scheme)://\(bracketedHost):\($0)" } ?? "\(scheme)://\(bracketedHost)"
        } else {
            description = "<URL without scheme or host>"
        }
        self.url = url
    }

    /// Replaces every path segment, the query, fragment, user and password of the URL (encoded or not) in
    /// `message` with `<redacted>`. Only errors need this, so the parts are found here rather than for every request.
    func scrub(_ message: String) -> String {
        var message = message
        for secret in Self.secrets(of: url) where message.contains(secret) {
            message = message.replacing(secret, with: "<redacted>")
        }
        return message
    }

    private static func defaultPort(for scheme: String) -> Int? {
        switch scheme {
        case "http": 80
        case "https": 443
        default: nil
        }
    }

    /// Substrings of the URL that must never appear in text we show, longest first.
    private static func secrets(of url: URL) -> [String] {
        var parts: [String] = [url.absoluteString, url.relativeString]
        for encoded in [true, false] {
            let path = url.path(percentEncoded: encoded)
            parts.append(path)
            // Every segment longer than a few characters: a token may be quoted on its own, without the
            // rest of the path. Short segments such as `v1` are not secrets and would garble messages.
            parts += path.split(separator: "/").map(String.init).filter { $0.count >= 8 }
            parts += [url.query(percentEncoded: encoded), url.fragment(percentEncoded: encoded)]
                .compactMap { $0 }
            parts += [url.user(percentEncoded: encoded), url.password(percentEncoded: encoded)].compactMap { $0 }
        }
        let unique = Set(parts.filter { !$0.isEmpty && $0 != "/" })
        return unique.sorted { $0.count > $1.count }
    }
}
