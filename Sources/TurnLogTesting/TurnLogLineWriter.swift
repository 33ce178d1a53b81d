import Foundation
import TurnLog

/// Serialises generated lines in their shape, and makes the damaged lines real logs hold. Current lines are written
/// as the daemon writes them (`TurnLogRecord.jsonLine`); older ones through `JSONEncoder`.
struct TurnLogLineWriter {
    private let encoder: JSONEncoder

    init() {
        encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
    }

    func encode(_ line: TurnLogGenerator.Line) throws -> [UInt8] {
        switch line.shape {
        case .current:
            return line.record.jsonLine
        case .older:
            let record = line.record
            let older = OlderLine(
                time: record.time, channel: record.channel, chat_id: Int64(record.chatID) ?? 0, update_id: record.updateID,
                text: record.text, intent: record.intent, confidence: record.confidence, decision: record.decision,
                reply_key: record.replyKey, step: record.step
            )
            return Array(try encoder.encode(older))
        case .withUnknownKeys:
            var bytes = line.record.jsonLine
            let extra = #""trace":{"id":"a1b2","spans":[1,2.5e3,{"x":null,"y":[true,false]}],"note":"\u00e9\" } ,"},"sampled":true,"#
            bytes.insert(contentsOf: Array(extra.utf8), at: 1)
            return bytes
        }
    }

    /// One of five kinds of damage, in turn.
    func damagedLine(number: Int, day: LogDay) -> [UInt8] {
        switch number % 5 {
        case 0:
            return Array("panic: runtime error: index out of range ☃".utf8)
        case 1:
            return Array(#"{"v":1,"time":"\#(day)T10:00:00Z","channel":"telegram","chat_id":"5","text":"花呗"#.utf8)
        case 2:
            return [0xFF, 0xFE, 0x7B, 0x22, 0x00, 0x80]
        case 3:
            return Array(#"{"v":1,"time":"\#(day)T10:00:00Z","intent":"greeting","confidence":0.9}"#.utf8)
        default:
            return Array(#"{"v":1,"time":"yesterday","text":"你好","intent":"greeting"}"#.utf8)
        }
    }
}

/// A line as an older daemon wrote it.
private struct OlderLine: Encodable {
    var time: Date
    var channel: String
    var chat_id: Int64
    var update_id: Int64
    var text: String
    var intent: String
    var confidence: Double
    var decision: String
    var reply_key: String
    var step: String
}
