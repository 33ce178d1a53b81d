import Foundation
import Testing

@testable import Bot

/// `logs.retention_days`: turn log files older than that go, with their compressed copies; time moves by hand.
@Suite struct TurnLogRetentionTests {
    private func day(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text + "T12:00:00Z")!
    }

    @Test func removesOnlyFilesOlderThanTheRetention() throws {
        let directory = temporaryDirectory()
        let names = [
            "turns-2026-01-01.jsonl", "turns-2026-01-01.jsonl.gz", "turns-2026-03-01.jsonl.gz", "turns-2026-03-02.jsonl",
            "turns-2026-03-31.jsonl", "notes.txt",
        ]
        for name in names { try "{}\n".write(toFile: directory + "/" + name, atomically: true, encoding: .utf8) }
        let retention = TurnLogRetention(directory: directory, retentionDays: 30)

        // On 2026-03-31, the cutoff is 2026-03-01: that day and later stay.
        let removed = try retention.removeExpired(now: day("2026-03-31"))
        #expect(removed.map { ($0 as NSString).lastPathComponent } == ["turns-2026-01-01.jsonl", "turns-2026-01-01.jsonl.gz"])
        // A day later, 2026-03-01 goes too.
        #expect(try retention.removeExpired(now: day("2026-04-01")).map { ($0 as NSString).lastPathComponent } == ["turns-2026-03-01.jsonl.gz"])
        let left = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(left == ["notes.txt", "turns-2026-03-02.jsonl", "turns-2026-03-31.jsonl"])
    }

    @Test func zeroKeepsEverything() throws {
        let directory = temporaryDirectory()
        try "{}\n".write(toFile: directory + "/turns-2000-01-01.jsonl", atomically: true, encoding: .utf8)
        #expect(try TurnLogRetention(directory: directory, retentionDays: 0).removeExpired(now: Date()).isEmpty)
        #expect(FileManager.default.fileExists(atPath: directory + "/turns-2000-01-01.jsonl"))
    }
}
