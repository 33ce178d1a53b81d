import Testing

@testable import LineEditor

@Suite("KeyDecoder")
struct KeyDecoderTests {
    private func decode(_ reads: [UInt8]...) -> [Key] {
        var decoder = KeyDecoder()
        return reads.flatMap { decoder.decode($0) }
    }

    private func bytes(_ text: String) -> [UInt8] {
        Array(text.utf8)
    }

    @Test func asciiRunIsOneTextKey() {
        #expect(decode(bytes("abc")) == [.text("abc")])
    }

    @Test func chineseCharacterSplitAcrossTwoReads() {
        var decoder = KeyDecoder()
        #expect(bytes("花") == [0xE8, 0x8A, 0xB1])
        #expect(decoder.decode([0xE8]) == [])
        #expect(decoder.decode([0x8A, 0xB1]) == [.text("花")])

        #expect(decode([0xE8, 0x8A], [0xB1, 0xE5]) == [.text("花")])  // 呗's first byte waits
        #expect(decode([0xE8, 0x8A], [0xB1, 0xE5], [0x91, 0x97]) == [.text("花"), .text("呗")])
    }

    @Test func emojiSplitIntoSingleBytes() {
        let emoji = bytes("😭")
        #expect(emoji.count == 4)
        #expect(decode([emoji[0]], [emoji[1]], [emoji[2]], [emoji[3]]) == [.text("😭")])
    }

    @Test func textAndKeysInOneRead() {
        #expect(decode(bytes("花呗\u{1B}[Dx\u{7F}\r")) == [.text("花呗"), .left, .text("x"), .backspace, .enter])
    }

    @Test(arguments: [
        ("\u{1B}[A", Key.up), ("\u{1B}[B", .down), ("\u{1B}[C", .right), ("\u{1B}[D", .left),
        ("\u{1B}OA", .up), ("\u{1B}OB", .down), ("\u{1B}OC", .right), ("\u{1B}OD", .left),
        ("\u{1B}[H", .home), ("\u{1B}[F", .end), ("\u{1B}OH", .home), ("\u{1B}OF", .end),
        ("\u{1B}[1~", .home), ("\u{1B}[4~", .end), ("\u{1B}[7~", .home), ("\u{1B}[8~", .end),
        ("\u{1B}[3~", .delete),
        ("\u{1B}[1;5D", .wordLeft), ("\u{1B}[1;5C", .wordRight), ("\u{1B}[1;2A", .up),
        ("\u{1B}b", .wordLeft), ("\u{1B}f", .wordRight), ("\u{1B}\u{7F}", .deleteWordBackward),
    ])
    func escapeSequence(_ sequence: String, key: Key) {
        #expect(decode(bytes(sequence)) == [key])
    }

    @Test func escapeSequenceSplitAcrossReads() {
        #expect(decode([0x1B], bytes("["), bytes("C")) == [.right])
        #expect(decode(bytes("\u{1B}[3"), bytes("~花")) == [.delete, .text("花")])
    }

    @Test(arguments: [
        (0x01, Key.home), (0x02, .left), (0x03, .interrupt), (0x04, .controlD), (0x05, .end),
        (0x06, .right), (0x08, .backspace), (0x7F, .backspace), (0x0B, .killToEnd), (0x0C, .clearScreen),
        (0x0E, .down), (0x10, .up), (0x15, .killToStart), (0x17, .deleteWordBackward), (0x19, .yank),
        (0x0D, .enter), (0x0A, .enter),
    ] as [(UInt8, Key)])
    func controlByte(_ byte: UInt8, key: Key) {
        #expect(decode([byte]) == [key])
    }

    @Test func carriageReturnLineFeedIsOneEnter() {
        #expect(decode(bytes("a\r\nb")) == [.text("a"), .enter, .text("b")])
        #expect(decode([0x0D], [0x0A]) == [.enter])
        #expect(decode(bytes("\r\r")) == [.enter, .enter])
        #expect(decode(bytes("\n\n")) == [.enter, .enter])
    }

    @Test func unboundBytesAndSequencesAreDropped() {
        #expect(decode(bytes("\t")) == [])
        #expect(decode(bytes("\u{1B}[15~")) == [])  // F5
        #expect(decode(bytes("\u{1B}[2~")) == [])  // Insert
        #expect(decode(bytes("\u{1B}x")) == [])  // Alt-X
        #expect(decode(bytes("\u{1B}[200~你好\u{1B}[201~")) == [.text("你好")])  // bracketed paste
    }

    @Test func escapeBeforeAControlByteKeepsTheControlByte() {
        #expect(decode(bytes("\u{1B}\r")) == [.enter])
        #expect(decode(bytes("\u{1B}\u{1B}[A")) == [.up])
        #expect(decode(bytes("\u{1B}花")) == [.text("花")])
    }

    @Test func malformedUTF8BecomesReplacementCharacters() {
        #expect(decode([0xFF]) == [.text("\u{FFFD}")])
        #expect(decode([0x8A]) == [.text("\u{FFFD}")])
        #expect(decode([0xE8, 0x41]) == [.text("\u{FFFD}A")])  // cut short by an ASCII byte
        #expect(decode([0xE8, 0x8A, 0x0D]) == [.text("\u{FFFD}"), .enter])
        #expect(decode([0xC0, 0x80]) == [.text("\u{FFFD}\u{FFFD}")])  // overlong NUL
        #expect(decode([0xED, 0xA0, 0x80]) == [.text("\u{FFFD}")])  // a UTF-16 surrogate
    }

    @Test func runawayControlSequenceIsAbandoned() {
        let garbage = [0x1B, UInt8(ascii: "[")] + [UInt8](repeating: UInt8(ascii: "1"), count: 100)
        let keys = decode(garbage + bytes("花"))
        #expect(keys.count == 1)
        guard case .text(let text)? = keys.last else {
            Issue.record("expected text after the abandoned sequence, got \(keys)")
            return
        }
        #expect(text.hasSuffix("花"))
        #expect(!text.contains("\u{1B}"))
    }
}
