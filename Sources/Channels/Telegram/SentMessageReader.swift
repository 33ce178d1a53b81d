import Foundation
import JSONReading

/// Reads the message id from `sendMessage`'s answer, `{"ok":…,"result":{"message_id":N,…}}`, without
/// `JSONDecoder`, which cost about 4% of the daemon's CPU per reply, most of it for the echoed message that is not
/// read.
///
/// It answers only where `JSONDecoder` would answer the same: a valid UTF-8 JSON object with `ok` a boolean and
/// `result` an object whose `message_id` is an integer that fits, each key once. Anything else (fractions,
/// exponents, repeated keys, invalid JSON) gives `nil`, and the caller leaves the body to `JSONDecoder`, so what is
/// accepted and every error stay as they were.
enum SentMessageReader {
    static func messageID(in body: Data) -> Int64? {
        body.withUnsafeBytes { bytes -> Int64? in
            guard String(validating: bytes, as: UTF8.self) != nil else { return nil }
            var scanner = JSONScanner(bytes)
            var ok: Bool?
            var messageID: Int64?
            guard scanner.consume(UInt8(ascii: "{")), !scanner.peek(UInt8(ascii: "}")) else { return nil }
            repeat {
                guard let key = scanner.string(), scanner.consume(UInt8(ascii: ":")) else { return nil }
                switch key {
                case "ok":
                    guard ok == nil, let value = scanner.bool() else { return nil }
                    ok = value
                case "result":
                    guard messageID == nil, let value = Self.resultMessageID(&scanner) else { return nil }
                    messageID = value
                default:
                    guard scanner.skipValue() else { return nil }
                }
            } while scanner.consume(UInt8(ascii: ","))
            guard scanner.consume(UInt8(ascii: "}")) else { return nil }
            scanner.skipWhitespace()
            guard scanner.isAtEnd, ok != nil else { return nil }
            return messageID
        }
    }

    /// `result`'s `message_id`, the object's other members skipped.
    private static func resultMessageID(_ scanner: inout JSONScanner) -> Int64? {
        var messageID: Int64?
        guard scanner.consume(UInt8(ascii: "{")), !scanner.peek(UInt8(ascii: "}")) else { return nil }
        repeat {
            guard let key = scanner.string(), scanner.consume(UInt8(ascii: ":")) else { return nil }
            if key == "message_id" {
                guard messageID == nil, scanner.nextKind() == .number, let value = scanner.exactInteger() else { return nil }
                messageID = value
            } else {
                guard scanner.skipValue(depth: 1) else { return nil }
            }
        } while scanner.consume(UInt8(ascii: ","))
        guard scanner.consume(UInt8(ascii: "}")) else { return nil }
        return messageID
    }
}
