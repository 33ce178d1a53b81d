/// The `Idempotency-Key` request header of `sendMessage` (after the IETF httpapi draft "The Idempotency-Key HTTP
/// Header Field"): a client-chosen key, 1–128 printable ASCII characters, that makes a repeated send harmless.
///
/// The value is taken as it is, quotes included: clients compare keys, they do not parse them.
package struct IdempotencyKey: Sendable, Hashable {
    /// Longest key accepted.
    package static let maxLength = 128

    package let value: String

    /// The key in a header value, or nil when the value is not 1–128 printable ASCII characters (0x20–0x7E).
    package init?(header: String) {
        let bytes = header.utf8
        guard (1...Self.maxLength).contains(bytes.count), bytes.allSatisfy({ (0x20...0x7E).contains($0) }) else { return nil }
        value = header
    }
}
