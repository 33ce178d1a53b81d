import Testing

@testable import Dialogue

/// The scam and secret screen on its own.
@Suite struct SafetyScreenTests {
    let screen = SafetyScreen(
        lexicon: DialogueLexicon(passwordCues: ["密码"], verificationCodeCues: ["验证码"], scamCues: ["代解冻", "Unfreeze Service"]))

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
        #expect(screen.inspect("有人说能代解冻花呗", compactText: "有人说能代解冻花呗").notices == [.scam])
        #expect(screen.inspect("UNFREEZE SERVICE here", compactText: "unfreezeservicehere").notices == [.scam])
        #expect(screen.inspect("代，解冻", compactText: "代解冻").notices == [.scam])
        #expect(screen.inspect("花呗解冻了吗", compactText: "花呗解冻了吗").notices.isEmpty)
        #expect(screen.inspect("", compactText: "").notices.isEmpty)
    }

    @Test("one inspection gives the notices and the redacted text")
    func redaction() {
        let phone = screen.inspect("我的手机号13812345678", compactText: "我的手机号13812345678")
        #expect(phone.notices.isEmpty)
        #expect(phone.redactedText == "我的手机号[phone]")
        let code = screen.inspect("验证码是 483920", compactText: "验证码是483920")
        #expect(code.notices == [.sensitiveData])
        #expect(!code.redactedText.contains("483920"))
        #expect(screen.inspect("花呗逾期了", compactText: "花呗逾期了").redactedText == "花呗逾期了")
    }
}
