import Testing

@testable import LineEditor

@Suite("LineBuffer")
struct LineBufferTests {
    /// A buffer built the way a user builds it: one character typed at a time.
    private func typed(_ text: String) -> LineBuffer {
        var buffer = LineBuffer()
        for character in text {
            buffer.insert(String(character))
        }
        return buffer
    }

    @Test func typingChineseThenBackspaceDeletesOneCharacter() {
        var buffer = typed("花呗冻结了")
        #expect(buffer.characters.count == 5)
        #expect(buffer.cursor == 5)
        #expect(buffer.displayWidth == 10)

        #expect(buffer.deleteBackward() == true)
        #expect(buffer.text == "花呗冻结")
        #expect(Array(buffer.text.utf8) == Array("花呗冻结".utf8))
        #expect(buffer.cursor == 4)
        #expect(buffer.displayWidthBeforeCursor == 8)
    }

    @Test func backspaceDeletesAnEmojiWithItsModifierWhole() {
        var buffer = typed("好")
        buffer.insert("👍")
        buffer.insert("🏽")  // The skin tone arrives after its base and joins it.
        #expect(buffer.characters == ["好", "👍🏽"])
        #expect(buffer.deleteBackward() == true)
        #expect(buffer.text == "好")
    }

    @Test func backspaceDeletesAZeroWidthJoinerSequenceWhole() {
        var buffer = LineBuffer("家👨‍👩‍👧")
        #expect(buffer.characters.count == 2)
        buffer.deleteBackward()
        #expect(buffer.text == "家")
    }

    @Test func combiningMarkJoinsTheCharacterBeforeIt() {
        var buffer = typed("cafe")
        buffer.insert("\u{301}")
        #expect(buffer.characters.count == 4)
        #expect(buffer.text == "cafe\u{301}")
        #expect(buffer.cursor == 4)
        buffer.deleteBackward()
        #expect(buffer.text == "caf")
    }

    @Test func insertInTheMiddle() {
        var buffer = LineBuffer("花冻结", cursor: 1)
        buffer.insert("呗")
        #expect(buffer.text == "花呗冻结")
        #expect(buffer.cursor == 2)
        #expect(buffer.displayWidthBeforeCursor == 4)
    }

    @Test func deleteForwardRemovesTheCharacterUnderTheCursor() {
        var buffer = LineBuffer("花呗😭冻结", cursor: 2)
        #expect(buffer.deleteForward() == true)
        #expect(buffer.text == "花呗冻结")
        #expect(buffer.cursor == 2)
        buffer.moveToEnd()
        #expect(buffer.deleteForward() == false)
    }

    @Test func movingStopsAtBothEnds() {
        var buffer = LineBuffer("花a")
        #expect(buffer.moveRight() == false)
        #expect(buffer.moveLeft() == true)
        #expect(buffer.displayWidthBeforeCursor == 2)
        #expect(buffer.moveLeft() == true)
        #expect(buffer.displayWidthBeforeCursor == 0)
        #expect(buffer.moveLeft() == false)
        #expect(buffer.deleteBackward() == false)
        #expect(buffer.text == "花a")
    }

    @Test func homeAndEnd() {
        var buffer = LineBuffer("花呗ok")
        buffer.moveToStart()
        #expect(buffer.cursor == 0)
        buffer.moveToEnd()
        #expect(buffer.cursor == 4)
        #expect(buffer.isCursorAtEnd)
        #expect(buffer.displayWidthBeforeCursor == 6)
    }

    @Test func killToEndAndToStart() {
        var buffer = LineBuffer("花呗冻结了", cursor: 2)
        #expect(buffer.killToEnd() == "冻结了")
        #expect(buffer.text == "花呗")
        #expect(buffer.cursor == 2)

        buffer = LineBuffer("花呗冻结了", cursor: 2)
        #expect(buffer.killToStart() == "花呗")
        #expect(buffer.text == "冻结了")
        #expect(buffer.cursor == 0)
    }

    @Test func deleteWordBackwardStopsAtWhitespace() {
        var buffer = LineBuffer("查询 花呗 额度")
        #expect(buffer.deleteWordBackward() == "额度")
        #expect(buffer.text == "查询 花呗 ")
        #expect(buffer.deleteWordBackward() == "花呗 ")
        #expect(buffer.text == "查询 ")
        #expect(buffer.deleteWordBackward() == "查询 ")
        #expect(buffer.isEmpty)
        #expect(buffer.deleteWordBackward() == "")
    }

    @Test func deleteWordBackwardTreatsTheFullWidthSpaceAsASeparator() {
        var buffer = LineBuffer("花呗\u{3000}冻结")
        buffer.deleteWordBackward()
        #expect(buffer.text == "花呗\u{3000}")
    }

    @Test func wordMotion() {
        var buffer = LineBuffer("check 花呗 limit")
        buffer.moveWordLeft()
        #expect(buffer.cursor == 9)
        buffer.moveWordLeft()
        #expect(buffer.cursor == 6)
        buffer.moveWordRight()
        #expect(buffer.cursor == 8)
        buffer.moveWordRight()
        #expect(buffer.cursor == 14)
    }

    @Test func controlCharactersAreDropped() {
        var buffer = LineBuffer()
        buffer.insert("a\tb\u{1B}[31mc\n")
        #expect(buffer.text == "ab[31mc")
        #expect(LineBuffer("x\r\ny").text == "xy")
    }

    @Test func cursorIsClamped() {
        #expect(LineBuffer("花呗", cursor: 9).cursor == 2)
        #expect(LineBuffer("花呗", cursor: -1).cursor == 0)
    }
}
