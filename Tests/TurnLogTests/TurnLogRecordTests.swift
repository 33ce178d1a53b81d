import Foundation
import Testing
import TurnLog

@Suite("TurnLogRecord")
struct TurnLogRecordTests {
    @Test("encodes with the documented snake_case keys and decodes back")
    func roundTrip() throws {
        let record = TurnLogRecord(
            time: Date(timeIntervalSince1970: 1_800_000_000), channel: "local", chatID: "42", updateID: 7,
            text: "我手机[phone]", intent: "overdue", confidence: 0.9,
            runnerUp: .init(intent: "credit_score", confidence: 0.05), decision: "intent", replyKey: "overdue",
            step: "overdue.repaid", latencyMicroseconds: 120, notices: []
        )
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(record)
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["v", "time", "channel", "chat_id", "update_id", "text", "intent", "confidence", "runner_up", "decision", "reply_key", "step", "latency_us", "notices"])
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(TurnLogRecord.self, from: data) == record)
    }
}
