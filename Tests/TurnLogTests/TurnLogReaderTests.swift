import Foundation
import Testing
import TurnLog

@Suite("TurnLogReader")
struct TurnLogReaderTests {
    private static func line(_ text: String, seconds: Int = 0) -> String {
        let time = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: 1_795_296_800 + Double(seconds)))
        return #"{"v":1,"time":"\#(time)","channel":"telegram","chat_id":"1","update_id":1,"text":"\#(text)","intent":"greeting","confidence":0.9,"runner_up":null,"decision":"intent","reply_key":"greeting","step":"idle","latency_us":10,"notices":[]}"#
    }

    private func read(_ paths: [String]) -> (texts: [String], summary: TurnLogReadSummary) {
        var texts: [String] = []
        let files = paths.map { TurnLogFile(path: $0) ?? TurnLogFile(path: $0, day: LogDay(year: 2026, month: 11, day: 21)) }
        let summary = TurnLogReader(files: files).read { texts.append($0.text) }
        return (texts, summary)
    }

    @Test("reads every line in order; blank lines and CRLF line ends are fine")
    func plainFile() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("turns-2026-11-21.jsonl", Self.line("一") + "\n\n" + Self.line("二") + "\r\n   \n" + Self.line("三") + "\n")
        let (texts, summary) = read([path])
        #expect(texts == ["一", "二", "三"])
        #expect(summary.lines == 3)
        #expect(summary.records == 3)
        #expect(summary.damagedLines == 0)
        #expect(summary.versions == [1: 3])
    }

    @Test("skips and counts damaged lines and a half-written last line, and says where they are")
    func damagedLines() throws {
        let folder = try TemporaryFolder()
        let full = Self.line("完整")
        var bytes = Array((full + "\nnot json at all\n" + full + "\n{\"v\":1,\"time\":\"2026-11-21T00:00:00Z\"}\n").utf8)
        bytes += [0xFF, 0xFE, 0x00, 0x0A]
        bytes += Array(full.utf8.prefix(full.utf8.count / 2))
        let path = try folder.write("turns-2026-11-21.jsonl", bytes: bytes)
        let (texts, summary) = read([path])
        #expect(texts == ["完整", "完整"])
        #expect(summary.lines == 6)
        #expect(summary.records == 2)
        #expect(summary.damagedLines == 4)
        #expect(summary.damagedLineSamples.map(\.line) == [2, 4, 5, 6])
        #expect(summary.damagedLineSamples.last?.reason.contains("cut short") == true)
        #expect(summary.damagedLineSamples.first?.description.hasPrefix("\(path):2: ") == true)
    }

    @Test("a complete last line without a line break still counts")
    func unterminatedCompleteLine() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("turns-2026-11-21.jsonl", Self.line("一") + "\n" + Self.line("二"))
        #expect(read([path]).texts == ["一", "二"])
    }

    @Test("reads gzip files, several gzip members in one file, and plain files named .gz")
    func gzip() throws {
        let folder = try TemporaryFolder()
        let first = Array((Self.line("甲") + "\n" + Self.line("乙") + "\n").utf8)
        let second = Array((Self.line("丙") + "\n").utf8)
        let single = try folder.write("turns-2026-11-21.jsonl.gz", bytes: try gzipped(first))
        let members = try folder.write("turns-2026-11-22.jsonl.1.gz", bytes: try gzipped(first) + (try gzipped(second)))
        let notCompressed = try folder.write("turns-2026-11-23.jsonl.gz", bytes: second)
        let result = read([single, members, notCompressed])
        #expect(result.texts == ["甲", "乙", "甲", "乙", "丙", "丙"])
        #expect(result.summary.damagedFiles.isEmpty)
        #expect(result.summary.damagedLines == 0)
    }

    @Test("a truncated gzip file gives the lines before the cut and is reported")
    func truncatedGzip() throws {
        let folder = try TemporaryFolder()
        var plain = ""
        for index in 0..<2000 { plain += Self.line("第\(index)行", seconds: index) + "\n" }
        let compressed = try gzipped(Array(plain.utf8))
        let path = try folder.write("turns-2026-11-21.jsonl.gz", bytes: Array(compressed.prefix(compressed.count / 2)))
        let (texts, summary) = read([path])
        #expect(texts.count > 100)
        #expect(texts.count < 2000)
        #expect(texts.first == "第0行")
        #expect(texts == (0..<texts.count).map { "第\($0)行" })
        #expect(summary.damagedFiles.count == 1)
        #expect(summary.damagedFiles.first?.reason.contains("ends early") == true)
        #expect(summary.damagedLines <= 1)
    }

    @Test("corrupt compressed data stops that file only")
    func corruptGzip() throws {
        let folder = try TemporaryFolder()
        var compressed = try gzipped(Array(String(repeating: Self.line("坏") + "\n", count: 500).utf8))
        for index in stride(from: 40, to: compressed.count - 20, by: 7) { compressed[index] ^= 0x5A }
        let bad = try folder.write("turns-2026-11-21.jsonl.gz", bytes: compressed)
        let good = try folder.write("turns-2026-11-22.jsonl", Self.line("好") + "\n")
        let (texts, summary) = read([bad, good])
        #expect(texts.last == "好")
        #expect(summary.damagedFiles.count == 1)
        #expect(summary.damagedFiles.first?.path == bad)
    }

    @Test("rotated and compressed files of a data folder read in the order they were written")
    func rotation() throws {
        let folder = try TemporaryFolder()
        try folder.write("logs/turns-2026-11-21.jsonl.2.gz", bytes: try gzipped(Array((Self.line("1") + "\n").utf8)))
        try folder.write("logs/turns-2026-11-21.jsonl.1", Self.line("2") + "\n")
        try folder.write("logs/turns-2026-11-21.jsonl", Self.line("3") + "\n")
        try folder.write("logs/turns-2026-11-22.jsonl.gz", bytes: try gzipped(Array((Self.line("4") + "\n").utf8)))
        var texts: [String] = []
        let files = try TurnLogDirectory(dataDirectory: folder.path).files()
        let summary = TurnLogReader(files: files).read { texts.append($0.text) }
        #expect(texts == ["1", "2", "3", "4"])
        #expect(summary.files == 4)
    }

    @Test("a file that cannot be opened is reported, the others are read")
    func unreadableFile() throws {
        let folder = try TemporaryFolder()
        let good = try folder.write("turns-2026-11-22.jsonl", Self.line("好") + "\n")
        let (texts, summary) = read([folder.file("turns-2026-11-21.jsonl"), good])
        #expect(texts == ["好"])
        #expect(summary.damagedFiles.count == 1)
        #expect(summary.damagedFiles.first?.reason.contains("cannot open") == true)
    }

    @Test("lines longer than a read buffer are read whole")
    func longLines() throws {
        let folder = try TemporaryFolder()
        let long = String(repeating: "长", count: 700_000)  // 2.1 MB of UTF-8, more than one chunk
        let path = try folder.write("turns-2026-11-21.jsonl", Self.line("短") + "\n" + Self.line(long) + "\n" + Self.line("短") + "\n")
        let (texts, summary) = read([path])
        #expect(texts.map(\.count) == [1, 700_000, 1])
        #expect(summary.damagedLines == 0)
    }
}
