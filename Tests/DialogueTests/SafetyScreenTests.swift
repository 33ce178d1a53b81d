import Testing

@testable import Dialogue

/// The scam and secret screen on its own.
@Suite struct SafetyScreenTests {
    let screen = SafetyScreen(
        lexicon: DialogueLexicon(passwordCues: ["密码"], verificationCodeCues: ["验证码"], scamCues: ["代解冻", "Unfreeze Service"]))

    @Test("segment breaks are removed, other text kept byte for byte")
    func segmentBreaks() {
        #expect(SafetyScreen.removingSegmentBreaks("代 | 解冻") == Array("代解冻".utf8))
        #expect(SafetyScreen.removingSegmentBreaks(" | 花呗 | | ") == Array("花呗| ".utf8))  // left to right, as replacingOccurrences
        #expect(SafetyScreen.removingSegmentBreaks("a | b | c") == Array("abc".utf8))
        #expect(SafetyScreen.removingSegmentBreaks("a |b") == Array("a |b".utf8))
        #expect(SafetyScreen.removingSegmentBreaks("").isEmpty)
    }

    @Test("byte search finds a needle anywhere, and only whole")
    func byteSearch() {
        let text = Array("花呗代解冻服务".utf8)
        #expect(SafetyScreen.contains(Array("代解冻".utf8), in: text))
        #expect(SafetyScreen.contains(Array("花".utf8), in: text))
        #expect(SafetyScreen.contains(Array("服务".utf8), in: text))
        #expect(!SafetyScreen.contains(Array("解冻服务啊".utf8), in: text))
        #expect(SafetyScreen.contains(Array("aab".utf8), in: Array("aaab".utf8)))  // after a false start
        #expect(!SafetyScreen.contains(Array("abc".utf8), in: Array("ab".utf8)))
        #expect(SafetyScreen.contains([], in: []))
    }

    @Test("a scam cue matches in the raw text, case-insensitively, or across segment breaks")
    func scamCues() {
        #expect(screen.inspect("有人说能代解冻花呗", normalizedText: "有人说能代解冻花呗") == [.scam])
        #expect(screen.inspect("UNFREEZE SERVICE here", normalizedText: "unfreeze service here") == [.scam])
        #expect(screen.inspect("代，解冻", normalizedText: "代 | 解冻") == [.scam])
        #expect(screen.inspect("花呗解冻了吗", normalizedText: "花呗解冻了吗").isEmpty)
        #expect(screen.inspect("", normalizedText: "").isEmpty)
    }
}
