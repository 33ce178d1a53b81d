import Classifier
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

/// The learned scam detector (`scam_detector` in `_lexicon.yaml`): offers in words the cue lists do not hold still warn.
@Suite("Learned scam detector", .trainedEngine)
struct ScamDetectorTests {
    /// Whether the word lists alone (no detector) warn.
    static func listsWarn(_ text: String) -> Bool {
        let engine = TestCatalog.engine
        let screen = SafetyScreen(lexicon: TestCatalog.catalog.lexicon)
        let compact = engine.classifier.classify(text).compactText
        return screen.inspect(text, compactText: compact).notices.contains(.scam)
    }

    @Test("the repository's detector is trained from the lexicon's block")
    func trained() throws {
        let detector = try #require(TestCatalog.engine.scamDetector)
        #expect(detector.threshold == TestCatalog.catalog.lexicon.scamDetector.threshold)
        #expect(detector.model.labels == [ScamDetector.ordinaryLabel, ScamDetector.scamLabel])
    }

    @Test("the detector reads the classifier's own n-grams: the same probability as extracting them again")
    func sharedFeatures() throws {
        let engine = TestCatalog.engine
        let detector = try #require(engine.scamDetector)
        #expect(detector.model.sharesFeatures(with: engine.classifier))
        for text in ["花呗额度能兑成钱，微信秒到", "花呗怎么还款", "hua bei jie dong zhao wo", "花唄凍結了"] {
            let normalized = engine.classifier.normalizer.normalize(text)
            var hashes: [UInt64] = []
            _ = engine.classifier.classify(normalized, hashes: &hashes)
            #expect(!hashes.isEmpty)
            #expect(detector.probability(hashes: hashes) == detector.probability(normalized), "\(text)")
        }
    }

    /// Written for this test, in none of the training lists, and checked to hold no cue and no offer/target pair of the
    /// word lists: only the detector can warn them.
    @Test("offers that share no list word still warn", arguments: [
        "我们专搞花呗，不管啥原因冻的都能弄，价格实惠", "花呗额度能兑成钱，微信秒到，抽六个点", "老铁花呗废了？给我两百块，包你重新能刷",
        "花呗的额度我高价收，当场给钱", "你那个花呗我能给整好，给点好处就行", "花呗被限制的来，专人一对一，收费透明",
        "给你开个花呗，不查芝麻分，收点费", "花呗停了的朋友别慌，咱这有门道，让它三天复原", "不能用的花呗我这边能救，先给订钱",
        "支付宝那边我有人，花呗的事打个招呼就行，意思一下",
    ])
    func offersBeyondTheLists(text: String) {
        #expect(!Self.listsWarn(text), "the lists already warn: pick another wording")
        #expect(ScamOfferTests.warns(text), "\(text)")
    }

    @Test("ordinary questions about fees, limits, unfreezing and customer service are not warned", arguments: [
        "花呗冻结是不是要交钱才能解", "花呗被停用了找谁处理", "花呗的额度怎么才能变高", "花呗怎么才能重新能用", "提额有什么官方的办法吗",
        "花呗分期要多付多少钱", "花呗停了多久可以再用", "花呗每个月几号还款", "我不想用花呗了怎么关",
    ])
    func ordinary(text: String) {
        #expect(!ScamOfferTests.warns(text), "\(text)")
    }

    @Test("without offers there is no detector, and the lists alone decide")
    func noDetectorWithoutOffers() {
        #expect(ScamDetector(offers: [], ordinary: ["花呗怎么还款"], threshold: 0.5, normalizer: TextNormalizer()) == nil)
        let screen = SafetyScreen(lexicon: DialogueLexicon(), detector: nil)
        #expect(screen.inspect("花呗套出来八个点", compactText: "花呗套出来八个点", normalized: TextNormalizer().normalize("花呗套出来八个点")).notices.isEmpty)
    }

    @Test("a detector trained on a few offers ranks an unseen offer above an unseen question, and warns it")
    func smallDetector() throws {
        let normalizer = TextNormalizer()
        let detector = try #require(ScamDetector(
            offers: ["找我帮你开花呗 收费", "花呗额度换成现金 私聊我", "有内部渠道帮你开通 收费", "帮你提额 加我微信 收费"],
            ordinary: ["花呗怎么还款", "花呗账单在哪里看", "借呗利息多少", "花呗为什么冻结了", "怎么联系客服", "花呗额度是多少"],
            threshold: 0.5, normalizer: normalizer))
        let offer = detector.probability(normalizer.normalize("私聊我 帮你开通花呗 收费"))
        let question = detector.probability(normalizer.normalize("花呗账单怎么还款"))
        #expect(offer > question)
        #expect(detector.isOffer(normalizer.normalize("私聊我 帮你开通花呗 收费")))
        #expect(!detector.isOffer(normalizer.normalize("花呗账单怎么还款")))
        #expect(!detector.isOffer(normalizer.normalize("")))
    }
}
