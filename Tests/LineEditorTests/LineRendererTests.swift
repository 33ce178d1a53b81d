import Testing

@testable import LineEditor

private let esc = "\u{1B}"

@Suite("LineRenderer")
struct LineRendererTests {

    @Test func singleRowWithTheCursorAtTheEnd() {
        var renderer = LineRenderer()
        let output = renderer.render(prompt: "> ", buffer: LineBuffer("花呗冻结"), columns: 80)
        #expect(output == "\r> 花呗冻结\(esc)[K")
        #expect(renderer.cursorRow == 0)
    }

    @Test func cursorColumnCountsChineseAndEmojiAsTwoColumns() {
        var renderer = LineRenderer()
        // "> " is 2 columns, 花呗冻结 8 more: the cursor sits before 😭, in column 10.
        let output = renderer.render(prompt: "> ", buffer: LineBuffer("花呗冻结😭", cursor: 4), columns: 80)
        #expect(output == "\r> 花呗冻结😭\(esc)[K\r\(esc)[10C")
    }

    @Test(arguments: [
        (0, "\r"), (1, "\r\(esc)[2C"), (2, "\r\(esc)[3C"), (3, "\r\(esc)[5C"), (4, "\r\(esc)[6C"),
    ])
    func cursorColumnForEachPosition(cursor: Int, move: String) {
        var renderer = LineRenderer()
        let buffer = LineBuffer("花aＡe\u{301}b", cursor: cursor)  // widths 2, 1, 2, 1, 1
        let output = renderer.render(prompt: "", buffer: buffer, columns: nil)
        #expect(output == "\r花aＡe\u{301}b\(esc)[K" + move)
    }

    @Test func promptColourSequencesTakeNoColumns() {
        var renderer = LineRenderer()
        let prompt = "\(esc)[32m你>\(esc)[0m "
        #expect(LineRenderer.visibleCharacters(of: prompt) == ["你", ">", " "])
        let output = renderer.render(prompt: prompt, buffer: LineBuffer("ab", cursor: 0), columns: 80)
        #expect(output == "\r\(prompt)ab\(esc)[K\r\(esc)[4C")
    }

    @Test func wrappedLineGoesBackUpBeforeRedrawing() {
        var renderer = LineRenderer()
        // 10 columns: "> 花呗冻结" fills row 0 exactly, 了 starts row 1.
        let first = renderer.render(prompt: "> ", buffer: LineBuffer("花呗冻结了"), columns: 10)
        #expect(first == "\r> 花呗冻结了\(esc)[J")
        #expect(renderer.cursorRow == 1)
        #expect(renderer.rowCount == 2)

        let second = renderer.render(prompt: "> ", buffer: LineBuffer("花呗冻结了", cursor: 1), columns: 10)
        #expect(second == "\(esc)[1A\r> 花呗冻结了\(esc)[J\(esc)[1A\r\(esc)[4C")
        #expect(renderer.cursorRow == 0)

        // Shrinking back to one row still clears the row below once.
        let third = renderer.render(prompt: "> ", buffer: LineBuffer("花"), columns: 10)
        #expect(third == "\r> 花\(esc)[J")
        let fourth = renderer.render(prompt: "> ", buffer: LineBuffer("花呗"), columns: 10)
        #expect(fourth == "\r> 花呗\(esc)[K")
    }

    @Test func wideCharacterThatDoesNotFitStartsTheNextRow() {
        var renderer = LineRenderer()
        // 5 columns: "ab花" uses 4, the second 花 does not fit in the last column.
        let output = renderer.render(prompt: "", buffer: LineBuffer("ab花花", cursor: 3), columns: 5)
        #expect(output == "\rab花花\(esc)[J\r")  // the cursor is at the start of row 1, where 花 went
        #expect(renderer.cursorRow == 1)
    }

    @Test func textEndingOnTheMarginMovesTheCursorToTheNextRow() {
        var renderer = LineRenderer()
        let output = renderer.render(prompt: "> ", buffer: LineBuffer("花呗"), columns: 6)
        #expect(output == "\r> 花呗\r\n\(esc)[J")
        #expect(renderer.cursorRow == 1)

        // Finishing does not add a second line break.
        let finish = renderer.finish(prompt: "> ", buffer: LineBuffer("花呗"), columns: 6)
        #expect(finish == "\(esc)[1A\r> 花呗\r\n\(esc)[J")
        #expect(renderer.cursorRow == 0)
    }

    @Test func finishMovesToTheEndAndStartsANewRow() {
        var renderer = LineRenderer()
        _ = renderer.render(prompt: "> ", buffer: LineBuffer("花呗", cursor: 0), columns: 80)
        let output = renderer.finish(prompt: "> ", buffer: LineBuffer("花呗", cursor: 0), columns: 80)
        #expect(output == "\r> 花呗\(esc)[K\r\n")
    }

    @Test(arguments: [nil, 1, 2, 3, 80] as [Int?])
    func longInputDoesNotCrash(columns: Int?) {
        var renderer = LineRenderer()
        let text = String(repeating: "花呗a😭e\u{301}", count: 1_000)
        for cursor in [0, 1, 2_500, 5_000] {
            let output = renderer.render(prompt: "你> ", buffer: LineBuffer(text, cursor: cursor), columns: columns)
            #expect(output.contains(text))
        }
        #expect(renderer.cursorRow >= 0)
    }

    @Test func rowCountOfALongLine() {
        var renderer = LineRenderer()
        // 40 Chinese characters after a 2-column prompt: 82 columns, 2 rows of 80.
        _ = renderer.render(prompt: "> ", buffer: LineBuffer(String(repeating: "花", count: 40)), columns: 80)
        #expect(renderer.rowCount == 2)
        #expect(renderer.cursorRow == 1)
    }
}
