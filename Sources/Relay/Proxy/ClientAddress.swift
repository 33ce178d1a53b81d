/// The client address the relay rate-limits by: the TCP peer, unless the peer is a trusted reverse proxy, in
/// which case the right-most address in `Forwarded` (RFC 7239) or else `X-Forwarded-For` that is not itself a
/// trusted proxy.
///
/// Right-most, because each proxy appends the address it received from: entries to the left of the last trusted
/// hop were written by the client and can be anything. From an untrusted peer both headers are ignored, so a
/// client cannot pick its own rate-limit bucket.
enum ClientAddress {
    /// - Parameters:
    ///   - peer: The TCP peer's address.
    ///   - forwarded: Every `Forwarded` header line, in order.
    ///   - forwardedFor: Every `X-Forwarded-For` header line, in order.
    ///   - trusted: The trusted proxies (`--trusted-proxy`); empty trusts none.
    static func resolve(peer: String, forwarded: [String], forwardedFor: [String], trusted: [IPRange]) -> String {
        guard !trusted.isEmpty, let peerBytes = IPRange.parseAddress(peer), isTrusted(peerBytes, trusted) else { return peer }
        let chain = forwarded.isEmpty ? forwardedForChain(forwardedFor) : forwardedChain(forwarded)
        var client = IPRange.format(peerBytes) ?? peer
        for entry in chain.reversed() {
            // An entry that is no address ("unknown", an obfuscated name, garbage): the chain cannot be followed
            // further; the last trusted hop is the best we know.
            guard let bytes = IPRange.parseAddress(entry), let text = IPRange.format(bytes) else { return client }
            client = text
            if !isTrusted(bytes, trusted) { return client }
        }
        return client
    }

    static func isTrusted(_ bytes: [UInt8], _ trusted: [IPRange]) -> Bool {
        trusted.contains { $0.contains(bytes) }
    }

    /// `X-Forwarded-For: client, proxy1, proxy2` → the entries, left to right.
    static func forwardedForChain(_ lines: [String]) -> [String] {
        lines.flatMap { $0.split(separator: ",") }.map { $0.trimmingSpaces }.filter { !$0.isEmpty }.map(stripPort)
    }

    /// `Forwarded: for=192.0.2.60;proto=https, for="[2001:db8::1]:4711"` → the `for` values, left to right.
    static func forwardedChain(_ lines: [String]) -> [String] {
        lines.flatMap { $0.split(separator: ",") }.map { element -> String in
            for pair in element.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingSpaces.lowercased() == "for" else { continue }
                var value = parts[1].trimmingSpaces
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                return stripPort(value)
            }
            return "unknown"
        }
    }

    /// `1.2.3.4:5678` → `1.2.3.4`; `[2001:db8::1]:4711` → `2001:db8::1`; a bare IPv6 address stays as it is.
    static func stripPort(_ text: String) -> String {
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            return String(text[text.index(after: text.startIndex)..<close])
        }
        let colons = text.count { $0 == ":" }
        if colons == 1, let colon = text.firstIndex(of: ":") { return String(text[..<colon]) }
        return text
    }
}

extension StringProtocol {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
