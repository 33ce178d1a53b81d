import Foundation
import JSONReading

/// Turns the bytes of one line into a `TurnLogRecord`: a fast scanner for the lines the daemon writes,
/// `JSONDecoder` for anything the scanner gives up on, `nil` for a damaged line.
///
/// Both accept what the format promises readers will see: unknown keys (ignored), older versions (missing
/// fields take the defaults in `TurnLogLine.record`), `chat_id` and `update_id` as a number or a string.
struct TurnLogLineParser {
    private let decoder = JSONDecoder()

    func parse(_ bytes: UnsafeRawBufferPointer) -> TurnLogRecord? {
        if let line = Self.scan(bytes) { return line.record }
        return decode(bytes)?.record
    }

    /// The fallback: slower, but independent of the scanner.
    func decode(_ bytes: UnsafeRawBufferPointer) -> TurnLogLine? {
        try? decoder.decode(DecodableLine.self, from: Data(bytes)).line
    }

    /// The fast path. `nil` when the line is not a JSON object or a known key holds a value of the wrong type.
    static func scan(_ bytes: UnsafeRawBufferPointer) -> TurnLogLine? {
        var scanner = JSONScanner(bytes)
        var line = TurnLogLine()
        guard scanner.consume(UInt8(ascii: "{")) else { return nil }
        if !scanner.consume(UInt8(ascii: "}")) {
            repeat {
                guard let key = scanner.string(), scanner.consume(UInt8(ascii: ":")) else { return nil }
                switch key {
                case "v":
                    guard let value = scanner.integer(), let version = Int(exactly: value) else { return nil }
                    line.version = version
                case "time":
                    guard let text = scanner.string(), let time = ISO8601Timestamp.parse(text) else { return nil }
                    line.time = time
                case "channel": guard let value = scanner.string() else { return nil }; line.channel = value
                case "chat_id": guard let value = scanner.identifier() else { return nil }; line.chatID = value
                case "update_id":
                    guard let value = scanner.identifier(), let number = Int64(value) else { return nil }
                    line.updateID = number
                case "text": guard let value = scanner.string() else { return nil }; line.text = value
                case "intent": guard let value = scanner.string() else { return nil }; line.intent = value
                case "confidence": guard let value = scanner.double() else { return nil }; line.confidence = value
                case "runner_up":
                    if scanner.consumeNull() {
                        line.runnerUp = nil
                    } else {
                        guard let value = scanner.rankedIntent() else { return nil }
                        line.runnerUp = value
                    }
                case "decision": guard let value = scanner.string() else { return nil }; line.decision = value
                case "reply_key": guard let value = scanner.string() else { return nil }; line.replyKey = value
                case "step": guard let value = scanner.string() else { return nil }; line.step = value
                case "latency_us": guard let value = scanner.integer() else { return nil }; line.latencyMicroseconds = value
                case "notices":
                    guard let value = scanner.stringArray() else { return nil }
                    line.notices = value
                default:
                    guard scanner.skipValue() else { return nil }
                }
            } while scanner.consume(UInt8(ascii: ","))
            guard scanner.consume(UInt8(ascii: "}")) else { return nil }
        }
        scanner.skipWhitespace()
        return scanner.isAtEnd ? line : nil
    }
}

extension JSONScanner {
    /// A chat or update id: a string, or an integer written as a number.
    fileprivate mutating func identifier() -> String? {
        switch nextKind() {
        case .string: return string()
        case .number: return integer().map { String($0) }
        default: return nil
        }
    }

    /// `{"intent": "...", "confidence": 0.1}`; other keys are skipped.
    fileprivate mutating func rankedIntent() -> TurnLogRecord.RankedIntent? {
        guard consume(UInt8(ascii: "{")) else { return nil }
        var intent: String?
        var confidence: Double?
        if !consume(UInt8(ascii: "}")) {
            repeat {
                guard let key = string(), consume(UInt8(ascii: ":")) else { return nil }
                switch key {
                case "intent": intent = string(); if intent == nil { return nil }
                case "confidence": confidence = double(); if confidence == nil { return nil }
                default: guard skipValue() else { return nil }
                }
            } while consume(UInt8(ascii: ","))
            guard consume(UInt8(ascii: "}")) else { return nil }
        }
        guard let intent, let confidence else { return nil }
        return TurnLogRecord.RankedIntent(intent: intent, confidence: confidence)
    }

    /// An array of strings; `null` reads as none.
    fileprivate mutating func stringArray() -> [String]?? {
        if consumeNull() { return .some(nil) }
        guard consume(UInt8(ascii: "[")) else { return nil }
        var values: [String] = []
        if consume(UInt8(ascii: "]")) { return values }
        repeat {
            guard let value = string() else { return nil }
            values.append(value)
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "]")) ? values : nil
    }
}

/// `TurnLogLine` through `Decodable`, with the same tolerance as the scanner.
private struct DecodableLine: Decodable {
    var line: TurnLogLine

    enum CodingKeys: String, CodingKey {
        case v, time, channel, text, intent, confidence, decision, step, notices
        case chatID = "chat_id"
        case updateID = "update_id"
        case runnerUp = "runner_up"
        case replyKey = "reply_key"
        case latencyMicroseconds = "latency_us"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var line = TurnLogLine()
        line.version = try container.decodeIfPresent(Int.self, forKey: .v)
        if let text = try container.decodeIfPresent(String.self, forKey: .time) {
            guard let time = ISO8601Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(forKey: .time, in: container, debugDescription: "not an ISO 8601 time")
            }
            line.time = time
        }
        line.channel = try container.decodeIfPresent(String.self, forKey: .channel)
        line.chatID = try Self.identifier(container, .chatID)
        if let update = try Self.identifier(container, .updateID) {
            guard let number = Int64(update) else {
                throw DecodingError.dataCorruptedError(forKey: .updateID, in: container, debugDescription: "not an integer")
            }
            line.updateID = number
        }
        line.text = try container.decodeIfPresent(String.self, forKey: .text)
        line.intent = try container.decodeIfPresent(String.self, forKey: .intent)
        line.confidence = try container.decodeIfPresent(Double.self, forKey: .confidence)
        line.runnerUp = try container.decodeIfPresent(TurnLogRecord.RankedIntent.self, forKey: .runnerUp)
        line.decision = try container.decodeIfPresent(String.self, forKey: .decision)
        line.replyKey = try container.decodeIfPresent(String.self, forKey: .replyKey)
        line.step = try container.decodeIfPresent(String.self, forKey: .step)
        if let latency = try? container.decodeIfPresent(Int64.self, forKey: .latencyMicroseconds) {
            line.latencyMicroseconds = latency
        } else if let latency = try container.decodeIfPresent(Double.self, forKey: .latencyMicroseconds) {
            line.latencyMicroseconds = latency.isFinite && abs(latency) < 9.2e18 ? Int64(latency) : nil
        }
        line.notices = try container.decodeIfPresent([String].self, forKey: .notices) ?? nil
        self.line = line
    }

    private static func identifier(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> String? {
        if let text = try? container.decodeIfPresent(String.self, forKey: key) { return text }
        return try container.decodeIfPresent(Int64.self, forKey: key).map { String($0) }
    }
}
