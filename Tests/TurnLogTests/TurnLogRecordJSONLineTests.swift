import Foundation
import Testing

@testable import TurnLog

/// `TurnLogRecord.jsonLine` writes what `JSONEncoder` wrote before it, and both readers read it back.
@Suite("TurnLogRecord.jsonLine")
struct TurnLogRecordJSONLineTests {
    static let texts = [
        "我手机[phone]", "", "quote \" backslash \\ slash / end", "line\nbreak\r\ttab", "\u{0}\u{1}\u{8}\u{C}\u{1B}\u{1F}\u{7F}",
        "😭👍🏽‍♂️ emoji", "花唄遇期 huabei ＡＢＣ１２３", "\u{FFFD}\u{2028}\u{2029}", "\\\"\\n", String(repeating: "长", count: 2000),
    ]
    static let confidences: [Double] = [0.1, 1.0 / 3, 0.87654321, 1e-7, 0, 1, 0.123456789012345678, .leastNonzeroMagnitude]

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    static func record(
        time: Date = Date(timeIntervalSince1970: 1_795_296_809), text: String = "花呗", confidence: Double = 0.9,
        runnerUp: TurnLogRecord.RankedIntent? = .init(intent: "credit_score", confidence: 0.05), notices: [String] = []
    ) -> TurnLogRecord {
        TurnLogRecord(
            time: time, channel: "telegram", chatID: "-100123", updateID: 9_007_199_254_740_993, text: text, intent: "overdue",
            confidence: confidence, runnerUp: runnerUp, decision: "out_of_scope:low_confidence", replyKey: "overdue.repaid/affirm",
            step: "overdue.repaid", latencyMicroseconds: 1234, notices: notices)
    }

    /// Every record the tests below check, with whole-second times (the format has no fractions).
    static var records: [TurnLogRecord] {
        var records: [TurnLogRecord] = []
        for text in texts {
            records.append(record(text: text, notices: text.isEmpty ? [] : ["sensitive_data", "scam \"x\""]))
        }
        for confidence in confidences {
            records.append(record(confidence: confidence, runnerUp: .init(intent: "x", confidence: confidence / 7)))
        }
        records.append(record(runnerUp: nil))
        var other = record()
        other.v = 0
        other.updateID = -Int64.max
        other.latencyMicroseconds = -1
        other.chatID = ""
        records.append(other)
        return records
    }

    /// The same members and values as `JSONEncoder` writes (whose member order is arbitrary on Linux).
    @Test func sameJSONAsJSONEncoder() throws {
        func object(_ bytes: some Sequence<UInt8>) throws -> NSDictionary {
            try #require(JSONSerialization.jsonObject(with: Data(bytes)) as? NSDictionary)
        }
        // Fractions of a second are dropped, as the encoder drops them.
        let fractional = Self.record(time: Date(timeIntervalSince1970: 1_795_296_809.999))
        for record in Self.records + [fractional] {
            #expect(try object(record.jsonLine) == (try object(Self.encoder.encode(record))), "\(record)")
        }
    }

    @Test func membersInCodingKeysOrder() {
        let line = String(decoding: Self.record(text: "a/b").jsonLine, as: UTF8.self)
        #expect(line == #"{"v":1,"time":"2026-11-21T21:33:29Z","channel":"telegram","chat_id":"-100123","update_id":9007199254740993,"text":"a/b","intent":"overdue","confidence":0.9,"runner_up":{"intent":"credit_score","confidence":0.05},"decision":"out_of_scope:low_confidence","reply_key":"overdue.repaid/affirm","step":"overdue.repaid","latency_us":1234,"notices":[]}"#)
    }

    @Test func decodesBackWithJSONDecoder() throws {
        for record in Self.records {
            let decoded = try Self.decoder.decode(TurnLogRecord.self, from: Data(record.jsonLine))
            #expect(decoded == record, "\(record)")
        }
    }

    @Test func readsBackWithTheStreamingReader() throws {
        for record in Self.records {
            let line = record.jsonLine
            #expect(!line.contains(0x0A))
            let scanned = line.withUnsafeBytes { TurnLogLineParser.scan($0) }
            #expect(scanned?.record == record, "\(record)")
            #expect(line.withUnsafeBytes { TurnLogLineParser().parse($0) } == record)
        }
    }

    @Test func omitsAMissingRunnerUp() {
        let line = String(decoding: Self.record(runnerUp: nil).jsonLine, as: UTF8.self)
        #expect(!line.contains("runner_up"))
        #expect(line.hasPrefix(#"{"v":1,"time":"2026-11-21T21:33:29Z","channel":"telegram","chat_id":"-100123","#))
    }

    /// JSON has no NaN: the line stays valid JSON (`JSONEncoder` refused such a record), and reads as not confident.
    @Test func aNonFiniteConfidenceIsZero() throws {
        var record = Self.record(confidence: .nan)
        record.runnerUp?.confidence = .infinity
        let line = record.jsonLine
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.contains(#""confidence":0,"runner_up":{"intent":"credit_score","confidence":0}"#))
        #expect((try? JSONSerialization.jsonObject(with: Data(line))) != nil)
    }

    @Test func timestamps() {
        let cases: [(TimeInterval, String)] = [
            (0, "1970-01-01T00:00:00Z"), (-1, "1969-12-31T23:59:59Z"), (-0.4, "1969-12-31T23:59:59Z"),
            (0.999, "1970-01-01T00:00:00Z"), (-86_400, "1969-12-31T00:00:00Z"), (-86_401, "1969-12-30T23:59:59Z"),
            (-2_208_988_800, "1900-01-01T00:00:00Z"), (-2_203_891_201, "1900-02-28T23:59:59Z"),
            (-2_203_891_200, "1900-03-01T00:00:00Z"), (951_782_400, "2000-02-29T00:00:00Z"),
            (1_709_164_800, "2024-02-29T00:00:00Z"), (1_709_251_199, "2024-02-29T23:59:59Z"),
            (1_709_251_200, "2024-03-01T00:00:00Z"), (1_735_689_599, "2024-12-31T23:59:59Z"),
            (1_735_689_600, "2025-01-01T00:00:00Z"), (1_798_761_599, "2026-12-31T23:59:59Z"),
            (1_800_000_000, "2027-01-15T08:00:00Z"), (1_795_296_809, "2026-11-21T21:33:29Z"),
            (253_402_300_799, "9999-12-31T23:59:59Z"), (253_402_300_800, "10000-01-01T00:00:00Z"),
            (-62_135_596_800, "0001-01-01T00:00:00Z"), (-62_135_596_801, "0000-12-31T23:59:59Z"),
            (-62_167_219_201, "-0001-12-31T23:59:59Z"), (.nan, "1970-01-01T00:00:00Z"),
        ]
        for (seconds, expected) in cases {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(TurnLogRecord.timestamp(date) == expected, "\(seconds)")
            if seconds.isFinite, seconds > -62_135_596_800, seconds < 253_402_300_800 {
                #expect(ISO8601Timestamp.parse(expected) == Date(timeIntervalSince1970: seconds.rounded(.down)))
            }
        }
    }

    @Test func timestampsMatchFoundationFrom1600To2400() throws {
        let formatter = ISO8601DateFormatter()
        var state: UInt64 = 42
        let start = -11_676_096_000.0, end = 13_569_465_600.0  // 1600-01-01 to 2400-01-01
        for _ in 0..<5000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let seconds = (start + Double(state >> 11) / Double(1 << 53) * (end - start)).rounded(.down)
            let date = Date(timeIntervalSince1970: seconds)
            let text = TurnLogRecord.timestamp(date)
            #expect(text == formatter.string(from: date), "\(seconds)")
            #expect(ISO8601Timestamp.parse(text) == date)
        }
    }
}
