import Foundation
import Testing

@testable import LineEditor

private let esc = "\u{1B}"

@Suite("LineEditor.readLine")
struct ReadLineTests {
    private let backspace = "\u{7F}"

    @Test func typingChineseBackspaceAndEmoji() throws {
        let terminal = FakeTerminal(typing: "花呗冻结了", backspace, "😭", "\r")
        let editor = LineEditor(terminal: terminal)

        let line = try editor.readLine(prompt: "> ")

        #expect(line == "花呗冻结😭")
        #expect(terminal.output.contains("\r> 花呗冻结了\(esc)[K"))
        #expect(terminal.output.contains("\r> 花呗冻结\(esc)[K"))  // after the backspace: one character less
        #expect(terminal.output.hasSuffix("\r> 花呗冻结😭\(esc)[K\r\n"))
        #expect(!terminal.isRaw)
        #expect(terminal.rawModeEntries == 1)
        #expect(terminal.writesOutsideRawMode == 0)
        #expect(editor.history.entries == ["花呗冻结😭"])
    }

    @Test func cursorMovesByDisplayColumns() throws {
        let left = "\(esc)[D"
        let terminal = FakeTerminal(typing: "花呗冻结", left, left, "了", "\(esc)[H", "\(esc)[F", "\r")
        let editor = LineEditor(terminal: terminal)

        #expect(try editor.readLine(prompt: "> ") == "花呗了冻结")
        let redraws = terminal.output.components(separatedBy: "\r> ").dropFirst().map { "\r> " + $0 }
        #expect(redraws == [
            "\r> \(esc)[K",  // the empty line
            "\r> 花呗冻结\(esc)[K",
            "\r> 花呗冻结\(esc)[K\r\(esc)[8C",  // before 结: 2 + 3 × 2 columns
            "\r> 花呗冻结\(esc)[K\r\(esc)[6C",  // before 冻
            "\r> 花呗了冻结\(esc)[K\r\(esc)[8C",  // after the inserted 了
            "\r> 花呗了冻结\(esc)[K\r\(esc)[2C",  // Home: just after the prompt
            "\r> 花呗了冻结\(esc)[K",  // End
            "\r> 花呗了冻结\(esc)[K\r\n",  // Enter
        ])
    }

    @Test func chineseCharacterSplitAcrossReads() throws {
        let terminal = FakeTerminal(reads: [[0xE8], [0x8A, 0xB1], [0x0D]])
        #expect(try LineEditor(terminal: terminal).readLine(prompt: "") == "花")
    }

    @Test func controlDOnAnEmptyLineIsTheEndOfInput() throws {
        let terminal = FakeTerminal(typing: "\u{04}")
        let editor = LineEditor(terminal: terminal)
        #expect(try editor.readLine(prompt: "> ") == nil)
        #expect(terminal.output.hasSuffix("\r\n"))
        #expect(!terminal.isRaw)
        #expect(editor.history.entries.isEmpty)
    }

    @Test func endOfInputWithTextReturnsTheTextThenNil() throws {
        let terminal = FakeTerminal(typing: "花呗")
        let editor = LineEditor(terminal: terminal)
        #expect(try editor.readLine(prompt: "> ") == "花呗")
        #expect(try editor.readLine(prompt: "> ") == nil)
    }

    @Test func controlCThrowsInterruptedAndRestoresTheTerminal() throws {
        let terminal = FakeTerminal(typing: "花呗\u{03}不要了\r", "下一行\r")
        let editor = LineEditor(terminal: terminal)

        #expect(throws: LineEditorError.interrupted) {
            try editor.readLine(prompt: "> ")
        }
        #expect(!terminal.isRaw)
        #expect(terminal.output.hasSuffix("\r> 花呗\(esc)[K^C\r\n"))
        #expect(editor.history.entries.isEmpty)

        // Keys typed after Ctrl-C in the same read are dropped; the next read is a new line.
        #expect(try editor.readLine(prompt: "> ") == "下一行")
    }

    @Test func interruptedMatchesInACatchClause() throws {
        let editor = LineEditor(terminal: FakeTerminal(typing: "\u{03}"))
        var caught = false
        do {
            _ = try editor.readLine(prompt: "> ")
        } catch LineEditorError.interrupted {
            caught = true
        }
        #expect(caught)
    }

    @Test func terminalErrorsRestoreTheTerminal() throws {
        struct Unplugged: Error {}
        let terminal = FakeTerminal(typing: "花")
        terminal.readError = Unplugged()
        #expect(throws: Unplugged.self) {
            try LineEditor(terminal: terminal).readLine(prompt: "> ")
        }
        #expect(!terminal.isRaw)
    }

    @Test func linesPastedTogetherComeOneAtATime() throws {
        let terminal = FakeTerminal(typing: "第一行\r\n第二行\r")
        let editor = LineEditor(terminal: terminal)
        #expect(try editor.readLine(prompt: "> ") == "第一行")
        #expect(try editor.readLine(prompt: "> ") == "第二行")
        #expect(try editor.readLine(prompt: "> ") == nil)
        #expect(terminal.rawModeEntries == 3)
    }

    @Test func upArrowRecallsEarlierLines() throws {
        let up = "\(esc)[A"
        let terminal = FakeTerminal(typing: "花呗\r", "借呗\r", up, up, "\r", up, "\(esc)[B", "\r")
        let editor = LineEditor(terminal: terminal)
        #expect(try editor.readLine(prompt: "> ") == "花呗")
        #expect(try editor.readLine(prompt: "> ") == "借呗")
        #expect(try editor.readLine(prompt: "> ") == "花呗")
        #expect(editor.history.entries == ["花呗", "借呗", "花呗"])
        #expect(try editor.readLine(prompt: "> ") == "")  // Up then Down: back to the empty new line
        #expect(editor.history.entries.count == 3)
    }

    @Test func yankWorksAcrossLines() throws {
        let terminal = FakeTerminal(typing: "花呗 冻结\u{17}\r", "\u{19}\r")
        let editor = LineEditor(terminal: terminal)
        #expect(try editor.readLine(prompt: "") == "花呗 ")
        #expect(try editor.readLine(prompt: "") == "冻结")
    }

    @Test func clearScreenRedrawsAtTheTop() throws {
        let terminal = FakeTerminal(typing: "花", "\u{0C}", "\r")
        #expect(try LineEditor(terminal: terminal).readLine(prompt: "> ") == "花")
        #expect(terminal.output.contains("\(esc)[H\(esc)[2J\r> 花\(esc)[K"))
    }

    @Test func historyIsSavedToItsFile() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ReadLineTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent(".huabei-bot_history")

        let editor = LineEditor(history: try LineHistory(fileURL: url), terminal: FakeTerminal(typing: "花呗冻结了\r"))
        #expect(try editor.readLine(prompt: "> ") == "花呗冻结了")
        #expect(editor.historySaveError == nil)
        #expect(try LineHistory(fileURL: url).entries == ["花呗冻结了"])

        let next = LineEditor(history: try LineHistory(fileURL: url), terminal: FakeTerminal(typing: "\(esc)[A\r"))
        #expect(try next.readLine(prompt: "> ") == "花呗冻结了")
    }

    @Test func aHistoryFileThatCannotBeWrittenDoesNotLoseTheLine() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("missing-\(UUID().uuidString)/history")
        let editor = LineEditor(history: try LineHistory(fileURL: url), terminal: FakeTerminal(typing: "花呗\r"))
        #expect(try editor.readLine(prompt: "> ") == "花呗")
        #expect(editor.historySaveError as? LineEditorError == .historyFile)
        #expect(editor.history.entries == ["花呗"])
    }

    @Test func longLineWrapsWithoutCrashing() throws {
        let text = String(repeating: "花呗冻结了😭", count: 200)
        let terminal = FakeTerminal(typing: text, "\u{01}", "\(esc)[C", "\r", columns: 40)
        #expect(try LineEditor(terminal: terminal).readLine(prompt: "你> ") == text)
    }
}
