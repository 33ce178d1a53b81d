@testable import RequestDecoding

/// The relay's request decoding: the query string, a JSON, form or multipart body by its content type, the
/// parameter values as the Bot API reads them, and the `Idempotency-Key` header.
///
/// The input is `query LF content-type LF idempotency-key LF body`; missing lines are empty.
enum RelayRequestFuzzer {
    static let names = ["chat_id", "text", "offset", "limit", "timeout", "reply_to_message_id", "allow_sending_without_reply"]

    static func run(_ bytes: [UInt8]) {
        let parts = bytes.split(separator: 10, maxSplits: 3, omittingEmptySubsequences: false)
        func text(_ index: Int) -> String? {
            index < parts.count ? String(decoding: parts[index], as: UTF8.self) : nil
        }
        let body = parts.count > 3 ? Array(parts[3]) : []
        if let parameters = try? RequestParameters.parse(query: text(0), contentType: text(1), body: body) {
            for name in names {
                guard let value = parameters[name] else { continue }
                _ = value.integer
                _ = value.string?.trimmingWhitespace
                _ = value.bool
            }
        }
        // The body alone, as each kind of body.
        _ = try? RequestParameters.parse(query: nil, contentType: "application/x-www-form-urlencoded", body: bytes)
        _ = try? RequestParameters.parse(query: nil, contentType: "multipart/form-data; boundary=xYzZY", body: bytes)
        _ = try? RequestParameters.parse(query: nil, contentType: "application/json", body: bytes)
        if let header = text(2) { _ = IdempotencyKey(header: header)?.value }
    }
}
