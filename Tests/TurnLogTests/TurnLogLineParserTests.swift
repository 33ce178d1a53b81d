import Foundation
import Testing
@testable import TurnLog

@Suite("TurnLogLineParser")
struct TurnLogLineParserTests {
    private func parse(_ line: String) -> TurnLogRecord? {
        Array(line.utf8).withUnsafeBytes { TurnLogLineParser().parse($0) }
    }

    private func scan(_ line: String) -> TurnLogLine? {
        Array(line.utf8).withUnsafeBytes { TurnLogLineParser.scan($0) }
    }

    private func decode(_ line: String) -> TurnLogLine? {
        Array(line.utf8).withUnsafeBytes { TurnLogLineParser().decode($0) }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    private func record(text: String, notices: [String] = [], runnerUp: TurnLogRecord.RankedIntent? = .init(intent: "credit_score", confidence: 0.05)) -> TurnLogRecord {
        TurnLogRecord(
            time: Date(timeIntervalSince1970: 1_795_296_800), channel: "telegram", chatID: "-100123", updateID: 9_007_199_254_740_993,
            text: text, intent: "overdue", confidence: 0.123456789012345678, runnerUp: runnerUp, decision: "intent",
            replyKey: "overdue", step: "overdue.repaid", latencyMicroseconds: 1234, notices: notices
        )
    }

    @Test("reads what JSONEncoder writes, for texts with every kind of character")
    func roundTrip() throws {
        let texts = [
            "我手机[phone]", "", "a\"b\\c/d", "line\nbreak\ttab\r", "\u{0}\u{1}\u{1F}", "😭👍🏽‍♂️", "花唄遇期 huabei ＡＢＣ１２３",
            "</script><img src=x onerror=alert(1)>", "\u{FFFD}\u{2028}\u{2029}", String(repeating: "长", count: 2000),
        ]
        for text in texts {
            let original = record(text: text, notices: text.isEmpty ? [] : ["sensitive_data", "scam"])
            let line = String(decoding: try Self.encoder.encode(original), as: UTF8.self)
            #expect(parse(line) == original, "\(text)")
            #expect(scan(line) == decode(line), "\(text)")
        }
        let withoutRunnerUp = record(text: "x", runnerUp: nil)
        #expect(parse(String(decoding: try Self.encoder.encode(withoutRunnerUp), as: UTF8.self)) == withoutRunnerUp)
    }

    @Test("the scanner reads the extreme integers itself and refuses one past them", arguments: [
        (Int64.min, "-9223372036854775809"), (Int64.max, "9223372036854775808"),
    ])
    func extremeIntegers(value: Int64, pastIt: String) throws {
        var original = record(text: "x")
        original.updateID = value
        original.latencyMicroseconds = value
        let line = String(decoding: try Self.encoder.encode(original), as: UTF8.self)
        let scanned = try #require(scan(line))
        #expect(scanned.updateID == value)
        #expect(scanned.latencyMicroseconds == value)
        #expect(scan(line.replacingOccurrences(of: "\(value)", with: pastIt)) == nil)
    }

    @Test("the scanner and JSONDecoder agree on escapes, whitespace and unknown keys")
    func agreesWithJSONDecoder() {
        let lines = [
            #"{"time":"2026-11-21T21:33:20Z","text":"\u82b1\u5457 \ud83d\ude2d \/ \b\f","intent":"x"}"#,
            #"  { "time" : "2026-11-21T21:33:20Z" , "text" : "a" , "intent" : "b" , "notices" : [ "x" , "y" ] }  "#,
            #"{"time":"2026-11-21T21:33:20Z","text":"a","intent":"b","extra":{"deep":[1,{"a":[null,true,false,-1.5e-3]}],"s":"}]"},"n":-0}"#,
            #"{"time":"2026-11-21T21:33:20Z","text":"a","intent":"b","runner_up":null,"notices":null}"#,
            #"{"time":"2026-11-21T21:33:20Z","text":"a","intent":"b","runner_up":{"confidence":0.5,"intent":"c","why":[1]}}"#,
            #"{"time":"2026-11-21T21:33:20Z","text":"a","intent":"b","confidence":1E2,"latency_us":12.9}"#,
            #"{"time":"2026-11-21T21:33:20.5+08:00","text":"a","intent":"b","chat_id":123,"update_id":"77"}"#,
        ]
        for line in lines {
            let scanned = scan(line)
            #expect(scanned != nil, "\(line)")
            #expect(scanned == decode(line), "\(line)")
        }
        #expect(scan(lines[0])?.text == "花呗 😭 / \u{8}\u{C}")
        #expect(scan(lines[6])?.chatID == "123")
        #expect(scan(lines[6])?.updateID == 77)
    }

    @Test("the scanner repairs what JSONDecoder refuses: a lone surrogate, invalid UTF-8")
    func repairs() {
        let surrogate = #"{"time":"2026-11-21T21:33:20Z","text":"lone \ud800 high","intent":"b"}"#
        #expect(decode(surrogate) == nil)
        #expect(parse(surrogate)?.text == "lone \u{FFFD} high")
        let invalid: [UInt8] = Array(#"{"time":"2026-11-21T21:33:20Z","text":""#.utf8) + [0xE8, 0x8A, 0xFF] + Array(#"","intent":"b"}"#.utf8)
        #expect(invalid.withUnsafeBytes { TurnLogLineParser().parse($0) }?.text == "\u{FFFD}\u{FFFD}")
    }

    @Test("the scanner holds to the JSON grammar where JSONDecoder is lenient", arguments: [
        #"{"time":"2026-11-21T21:33:20Z","text":"a","intent":"b","x":01}"#, #"{"time":"2026-11-21T21:33:20Z","text":"a","intent":"b",}"#,
        #"{"time":"2026-11-21T21:33:20Z","text":"a","intent":"b","x":.5}"#, #"{"time":"2026-11-21T21:33:20Z","text":"a","intent":"b","x":1.}"#,
    ])
    func strictGrammar(line: String) {
        #expect(scan(line) == nil)
    }

    @Test("refuses lines that are not a record", arguments: [
        "", "garbage", "{", "[1,2]", #"{"time":"2026-11-21T21:33:20Z","text":"a""#, #"{"time":"2026-11-21T21:33:20Z","text":"a","intent":"b"} x"#,
        #"{"time":"2026-11-21T21:33:20Z","text":"a"}"#, #"{"time":"yesterday","text":"a","intent":"b"}"#,
        #"{"time":"2026-11-21T21:33:20Z","text":7,"intent":"b"}"#, #"{"time":"2026-11-21T21:33:20Z","text":"a","intent":"b","confidence":"high"}"#,
        #"{"time":"2026-11-21T21:33:20Z","text":"a\x","intent":"b"}"#,
        "{\"time\":\"2026-11-21T21:33:20Z\",\"text\":\"raw\ttab\",\"intent\":\"b\"}",
    ])
    func refuses(line: String) {
        #expect(parse(line) == nil)
    }

    @Test("lines of older versions get defaults for what they lack")
    func olderVersions() throws {
        let record = try #require(parse(#"{"time":"2026-11-21T21:33:20Z","chat_id":42,"text":"你好","intent":"greeting"}"#))
        #expect(record.v == 0)
        #expect(record.chatID == "42")
        #expect(record.channel == "unknown")
        #expect(record.confidence == 1)
        #expect(record.decision == "intent")
        #expect(record.replyKey == "greeting")
        #expect(record.step == "idle")
        #expect(record.latencyMicroseconds == -1)
        let outOfScope = try #require(parse(#"{"time":"2026-11-21T21:33:20Z","text":"?","intent":"out_of_scope"}"#))
        #expect(outOfScope.decision == "out_of_scope")
        let newer = try #require(parse(#"{"v":7,"time":"2026-11-21T21:33:20Z","text":"a","intent":"b","sentiment":{"score":1}}"#))
        #expect(newer.v == 7)
    }

    @Test("reads ISO 8601 times with fractions and offsets", arguments: [
        ("2026-11-21T21:33:20Z", 1_795_296_800.0), ("2026-11-21T21:33:20.250Z", 1_795_296_800.25),
        ("2026-11-22T05:33:20+08:00", 1_795_296_800.0), ("2026-11-22T05:33:20+0800", 1_795_296_800.0),
        ("2026-11-21 16:33:20-05", 1_795_296_800.0), ("1969-12-31T23:59:59Z", -1.0),
    ])
    func timestamps(text: String, seconds: Double) throws {
        let date = try #require(ISO8601Timestamp.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 1e-6)
    }

    @Test("refuses times that are not ISO 8601", arguments: [
        "2026-11-21", "2026-11-21T21:33:20", "2026-02-30T00:00:00Z", "2026-11-21T24:00:00Z", "2026-11-21T21:33:20.Z",
        "2026-11-21T21:33:20+8", "2026-11-21T21:33:20Zjunk", "1795296800",
    ])
    func badTimestamps(text: String) {
        #expect(ISO8601Timestamp.parse(text) == nil)
    }
}
