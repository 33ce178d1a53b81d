import Foundation
import SharedTestSupport
import Testing

@testable import Dialogue

/// The scam and secret screen on its own.
@Suite(.trainedEngine) struct SafetyScreenTests {
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

@Suite("Scam offers however worded", .trainedEngine)
struct ScamOfferTests {
    static func warns(_ text: String) -> Bool {
        TestCatalog.engine.respond(to: text, state: ConversationState()).notices.contains(.scam)
    }

    @Test("an offer word with an unfreeze, limit or cash-out word warns", arguments: [
        "专业团队帮你把花呗解封 加我微信", "额度低的找我提额 收费便宜", "花呗额度变现 手续费8个点", "有渠道解除冻结 先交保证金",
    ])
    func offers(text: String) {
        #expect(Self.warns(text), "\(text)")
    }

    @Test("fee questions and the official customer service do not warn", arguments: [
        "花呗分期的手续费是多少", "联系客服可以解冻花呗吗", "支付宝提现要手续费吗", "花呗怎么解冻",
    ])
    func ordinary(text: String) {
        #expect(!Self.warns(text), "\(text)")
    }

    /// Tests/Fixtures/scam-offers.tsv: offers written for this test (not from any data set), in words the cue
    /// lists should generalise to (额度回收, 包过, 内部关系, private contact, transfers), and ordinary fee, limit and
    /// customer-service questions that must stay unwarned.
    @Test("every offer of the scam fixture warns, and none of its ordinary questions")
    func fixture() throws {
        let path = TestCatalog.root.appendingPathComponent("Tests/Fixtures/scam-offers.tsv").path
        let rows = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", maxSplits: 1)
            return fields.count == 2 ? (label: String(fields[0]), text: String(fields[1])) : nil
        }
        let offers = rows.filter { $0.label == "scam" }.map(\.text)
        let ordinary = rows.filter { $0.label == "ordinary" }.map(\.text)
        #expect(offers.count >= 40 && ordinary.count >= 20)
        #expect(offers.filter { !Self.warns($0) } == [], "offers not warned")
        #expect(ordinary.filter(Self.warns) == [], "ordinary questions warned")
    }
}
