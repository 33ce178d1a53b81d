@testable import Bot
import Foundation
import Dialogue
import Testing
import TurnLog

/// One JSON line per turn, personal data redacted, in private files named by date.
struct TurnLogWriterTests {
    @Test func eachTurnIsOneRedactedLineInAPrivateFile() async throws {
        let harness = DaemonHarness()
        let channel = harness.channel
        channel.receive("我手机13800138000，身份证110101199003074514，验证码 123456，邮箱 a.b@example.com", chat: 21)
        channel.receive(nil, chat: 21, kind: "photo")
        try await harness.run { _ in
            await eventually("two replies") { channel.sent.count == 2 }
        }
        let directory = harness.directory + "/logs"
        let name = TurnLogWriter.fileName(for: Date())
        let path = directory + "/" + name
        #expect(name.hasPrefix("turns-") && name.hasSuffix(".jsonl"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for secret in ["13800138000", "110101199003074514", "123456", "a.b@example.com"] {
            #expect(!text.contains(secret), "the turn log shows \(secret)")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let records = try text.split(separator: "\n").map { try decoder.decode(TurnLogRecord.self, from: Data($0.utf8)) }
        #expect(records.count == 2)
        let first = try #require(records.first)
        #expect(first.channel == "local")
        #expect(first.chatID == "21")
        #expect(first.updateID == 1)
        #expect(first.text.contains("[phone]"))
        #expect(first.latencyMicroseconds > 0)
        #expect(first.notices.contains("sensitive_data"))
        #expect(records[1].intent == "non_text")
        #expect(records[1].text == "[photo]")
        let fileMode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        let directoryMode = try FileManager.default.attributesOfItem(atPath: directory)[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(directoryMode == 0o700)
    }

    @Test func aRotatedFileIsReplacedByANewOne() async throws {
        let directory = temporaryDirectory()
        let writer = try TurnLogWriter(directory: directory) { _ in }
        func record(_ id: Int64) -> TurnLogRecord {
            TurnLogRecord(
                time: Date(timeIntervalSince1970: 1_800_000_000), channel: "local", chatID: "1", updateID: id, text: "t",
                intent: "greeting", confidence: 1, runnerUp: nil, decision: "intent", replyKey: "greeting", step: "idle",
                latencyMicroseconds: 1)
        }
        writer.append(record(1))
        await writer.flush()
        let path = directory + "/turns-2027-01-15.jsonl"
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        writer.append(record(2))
        await writer.flush()
        #expect(try String(contentsOfFile: path + ".1", encoding: .utf8).contains("\"update_id\":1"))
        let current = try String(contentsOfFile: path, encoding: .utf8)
        #expect(current.contains("\"update_id\":2"))
        #expect(!current.contains("\"update_id\":1"))
    }

    @Test func fileNamesFollowTheUTCDate() {
        #expect(TurnLogWriter.fileName(for: Date(timeIntervalSince1970: 1_800_000_000)) == "turns-2027-01-15.jsonl")
        #expect(TurnLogWriter.fileName(for: Date(timeIntervalSince1970: 0)) == "turns-1970-01-01.jsonl")
    }
}
