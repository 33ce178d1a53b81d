import Foundation
import Testing
import TurnLog

@Suite("TurnLogFile and TurnLogDirectory")
struct TurnLogFileTests {
    @Test("recognises current, rotated and compressed names")
    func names() throws {
        let plain = try #require(TurnLogFile(path: "/d/logs/turns-2026-11-28.jsonl"))
        #expect(plain.day.description == "2026-11-28")
        #expect(plain.rotation == 0)
        #expect(!plain.isCompressed)
        let rotated = try #require(TurnLogFile(path: "turns-2026-11-28.jsonl.3"))
        #expect(rotated.rotation == 3)
        #expect(!rotated.isCompressed)
        let compressed = try #require(TurnLogFile(path: "turns-2026-11-28.jsonl.gz"))
        #expect(compressed.isCompressed)
        #expect(compressed.rotation == 0)
        let both = try #require(TurnLogFile(path: "turns-2026-11-28.jsonl.2.gz"))
        #expect(both.isCompressed && both.rotation == 2)
        for name in ["turns-2026-11-28.json", "turns-2026-13-28.jsonl", "turns-2026-11-28.jsonl.x", "turns-2026-11-28.jsonl.", "bot.log",
                     "turns-2026-11-28.jsonl.gz.1", "turns-2026-11-28.jsonl.-1", "xturns-2026-11-28.jsonl"] {
            #expect(TurnLogFile(path: name) == nil, "\(name)")
        }
    }

    @Test("lists a day's files oldest rotation first, within the days asked, reading each line once")
    func listing() throws {
        let folder = try TemporaryFolder()
        for name in [
            "turns-2026-11-02.jsonl", "turns-2026-11-01.jsonl.1.gz", "turns-2026-11-01.jsonl", "turns-2026-11-01.jsonl.2.gz",
            "turns-2026-11-03.jsonl.gz", "turns-2026-11-02.jsonl.1", "turns-2026-11-02.jsonl.1.gz", "notes.txt", "turns-2026-10-31.jsonl",
        ] {
            try folder.write("logs/\(name)", "")
        }
        let directory = TurnLogDirectory(dataDirectory: folder.path)
        let names = try directory.files().map { ($0.path as NSString).lastPathComponent }
        // turns-2026-11-02.jsonl.1.gz is left out: its uncompressed twin is still there (gzip was running).
        #expect(names == [
            "turns-2026-10-31.jsonl", "turns-2026-11-01.jsonl.2.gz", "turns-2026-11-01.jsonl.1.gz", "turns-2026-11-01.jsonl",
            "turns-2026-11-02.jsonl.1", "turns-2026-11-02.jsonl", "turns-2026-11-03.jsonl.gz",
        ])
        let range = try #require(LogDay("2026-11-01"))...(try #require(LogDay("2026-11-02")))
        #expect(try directory.files(in: range).count == 5)
    }

    @Test("a missing log folder is an error that names the folder and the option")
    func missingFolder() throws {
        let folder = try TemporaryFolder()
        let error = #expect(throws: TurnLogReadError.self) { try TurnLogDirectory(dataDirectory: folder.path).files() }
        #expect(error?.description.contains("\(folder.path)/logs") == true)
        #expect(error?.description.contains("--data") == true)
    }
}
