import Foundation
import TurnLog

/// The repository's folders, found from this file.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let intents = root.appendingPathComponent("Intents").path
}

/// A folder under the system's temporary folder, removed when the value is released.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("operators-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    /// A copy of the repository's Intents/ in this folder.
    func copyOfIntents() throws -> String {
        let target = file("Intents")
        try FileManager.default.copyItem(atPath: Repository.intents, toPath: target)
        return target
    }

    /// Writes records as the daemon does, one JSON line each, to `logs/<name>`.
    func writeLog(_ name: String, _ records: [TurnLogRecord]) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        var data = Data()
        for record in records {
            data += try encoder.encode(record)
            data.append(0x0A)
        }
        let logs = file("logs")
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: (logs as NSString).appendingPathComponent(name)))
    }
}

/// Hand-made records: a chat's turns one minute apart from a start time.
struct TurnScript {
    var chat: String
    var time: Date
    var channel = "telegram"
    private(set) var records: [TurnLogRecord] = []

    init(chat: String, start: String) {
        self.chat = chat
        self.time = ISO8601DateFormatter().date(from: start) ?? Date(timeIntervalSince1970: 0)
    }

    mutating func turn(
        _ text: String, intent: String, confidence: Double = 0.9, decision: String = "intent", replyKey: String? = nil,
        step: String = "idle", latency: Int64 = 1000, after seconds: TimeInterval = 60
    ) {
        records.append(TurnLogRecord(
            time: time, channel: channel, chatID: chat, updateID: Int64(records.count + 1), text: text, intent: intent,
            confidence: confidence, runnerUp: nil, decision: decision, replyKey: replyKey ?? intent, step: step,
            latencyMicroseconds: latency
        ))
        time += seconds
    }

    mutating func wait(_ seconds: TimeInterval) {
        time += seconds
    }
}

extension TimeZone {
    static let utc = TimeZone(identifier: "UTC") ?? .current
}
