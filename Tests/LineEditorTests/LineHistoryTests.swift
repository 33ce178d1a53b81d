import Foundation
import Testing

@testable import LineEditor

@Suite("LineHistory")
struct LineHistoryTests {
    /// A fresh directory for one test's files, removed by the caller with `cleanUp`.
    private func makeDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("LineHistoryTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    private func cleanUp(_ directory: URL) {
        try? FileManager.default.removeItem(at: directory)
    }

    private func permissions(of url: URL) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
    }

    @Test func skipsBlankLinesAndRepeatsOfThePreviousLine() {
        var history = LineHistory()
        #expect(history.add("花呗") == true)
        #expect(history.add("花呗") == false)
        #expect(history.add("") == false)
        #expect(history.add("  \u{3000}") == false)
        #expect(history.add("借呗") == true)
        #expect(history.add("花呗") == true)  // not the previous line: kept
        #expect(history.entries == ["花呗", "借呗", "花呗"])
    }

    @Test func lineBreaksBecomeSpaces() {
        var history = LineHistory()
        history.add("第一行\n第二行\r\n第三行")
        #expect(history.entries == ["第一行 第二行 第三行"])
    }

    @Test func keepsTheNewestLinesUpToTheLimit() {
        var history = LineHistory()
        #expect(history.limit == 1_000)
        for number in 0..<1_005 {
            history.add("line \(number)")
        }
        #expect(history.entries.count == 1_000)
        #expect(history.entries.first == "line 5")
        #expect(history.entries.last == "line 1004")

        var none = LineHistory(limit: 0)
        let added = none.add("花呗")
        #expect(!added)
        #expect(none.entries.isEmpty)
    }

    @Test func roundTripsThroughTheFileWithOwnerOnlyPermissions() throws {
        let directory = try makeDirectory()
        defer { cleanUp(directory) }
        let url = directory.appendingPathComponent(".huabei-bot_history")

        var history = try LineHistory(fileURL: url)
        #expect(history.entries.isEmpty)  // no file yet
        for line in ["花呗冻结了", "😭 怎么办", "é and e\u{301}", "ＡＢ"] {
            history.add(line)
        }
        try history.save()

        #expect(try permissions(of: url) == 0o600)
        #expect(try String(contentsOf: url, encoding: .utf8) == "花呗冻结了\n😭 怎么办\né and e\u{301}\nＡＢ\n")
        let reloaded = try LineHistory(fileURL: url)
        #expect(reloaded.entries == history.entries)
        #expect(reloaded.fileURL == url)

        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(leftovers == [".huabei-bot_history"])  // no temporary file left behind
    }

    @Test func savingTightensTheModeOfAnExistingFile() throws {
        let directory = try makeDirectory()
        defer { cleanUp(directory) }
        let url = directory.appendingPathComponent("history")
        try Data("旧的\n".utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: url.path)

        var history = try LineHistory(fileURL: url)
        history.add("新的")
        try history.save()
        #expect(try permissions(of: url) == 0o600)
        #expect(try LineHistory(fileURL: url).entries == ["旧的", "新的"])
    }

    @Test func loadingKeepsTheNewestLinesAndDropsRepeats() throws {
        let directory = try makeDirectory()
        defer { cleanUp(directory) }
        let url = directory.appendingPathComponent("history")
        let lines = (0..<1_200).map { "问题 \($0)" } + ["问题 1199", "", "最后"]
        try Data(lines.joined(separator: "\n").utf8).write(to: url)

        let history = try LineHistory(fileURL: url)
        #expect(history.entries.count == 1_000)
        #expect(history.entries.first == "问题 201")
        #expect(history.entries.suffix(2) == ["问题 1199", "最后"])

        try history.save()
        let saved = try String(contentsOf: url, encoding: .utf8)
        #expect(saved.split(separator: "\n").count == 1_000)
    }

    @Test func unreadableFileThrows() throws {
        let directory = try makeDirectory()
        defer { cleanUp(directory) }
        #expect(throws: LineEditorError.historyFile) {
            try LineHistory(fileURL: directory)  // a directory, not a file
        }
    }

    @Test func unwritableLocationThrows() throws {
        let directory = try makeDirectory()
        defer { cleanUp(directory) }
        var history = try LineHistory(fileURL: directory.appendingPathComponent("missing/history"))
        history.add("花呗")
        #expect(throws: LineEditorError.historyFile) {
            try history.save()
        }
    }

    @Test func defaultFileIsInTheHomeDirectory() {
        #expect(LineHistory.defaultFileURL.lastPathComponent == ".huabei-bot_history")
        #expect(LineHistory.defaultFileURL.path.hasPrefix(HistoryFile.homeDirectory()))
    }

    @Test func inMemoryHistorySavesNothing() throws {
        var history = LineHistory()
        history.add("花呗")
        try history.save()
        #expect(history.fileURL == nil)
    }
}
