import Classifier
import Dialogue
import SharedTestSupport
import Testing

/// One or more messages of our own for every rule of `../shared/reference/intent-boundaries.md`, through the trained
/// bot: the intent it decides must be the one the rule gives.
@Suite("Intent boundaries", .trainedEngine)
struct BoundaryRulesTests {
    static func decided(_ text: String) -> String {
        let engine = TestCatalog.engine
        return engine.policy.resolvedIntent(engine.classifier.classify(text))
    }

    @Test("each intent's own definition", arguments: [
        ("freeze_overview", "花呗怎么突然付不了钱了"),
        ("freeze_overview", "花呗啥时候给我解开"),
        ("overdue", "借呗晚了两天还 花呗是不是就停了"),
        ("overdue", "逾期的都还清了 花呗多久能用"),
        ("cash_out", "说我交易频繁违规 花呗被限制了"),
        ("credit_score", "芝麻分掉到五百多花呗就用不了了"),
        ("low_activity", "一直没怎么用花呗 额度被收回了"),
        ("account_security", "换了新手机花呗就提示有风险"),
        ("maintenance", "花呗一直显示系统升级中"),
        ("contact_support", "花呗被封了去哪申诉"),
    ])
    func definitions(expected: String, text: String) {
        #expect(Self.decided(text) == expected, "\(text)")
    }

    @Test("closing or freezing 花呗 on purpose is out_of_scope; closed by the system is freeze_overview")
    func byChoiceOrBySystem() {
        #expect(Self.decided("我想把花呗关掉不用了") == "out_of_scope")
        #expect(Self.decided("怎么自己冻结花呗") == "out_of_scope")
        #expect(Self.decided("花呗被系统关闭了") == "freeze_overview")
    }

    @Test("a named cause beats freeze_overview")
    func namedCause() {
        #expect(Self.decided("花呗因为晚还款被冻了") == "overdue")
        #expect(Self.decided("花呗被冻结了 是不是因为芝麻分低") == "credit_score")
    }

    @Test("a limit merely lowered or not raised is out_of_scope; a line gone or at zero is a freeze")
    func limits() {
        #expect(Self.decided("花呗额度怎么降低了") == "out_of_scope")
        #expect(Self.decided("花呗总是不给我提额") == "out_of_scope")
        #expect(Self.decided("花呗额度变成0了") == "freeze_overview")
    }

    @Test("借呗 alone is out_of_scope, except its late repayment")
    func jiebeiAlone() {
        #expect(Self.decided("借呗被关闭了怎么回事") == "out_of_scope")
        #expect(Self.decided("借呗额度怎么没有了") == "out_of_scope")
        #expect(Self.decided("借呗逾期了会影响花呗吗") == "overdue")
    }

    @Test("花呗 that cannot be opened at all is out_of_scope")
    func cannotOpen() {
        #expect(Self.decided("我的支付宝开通不了花呗") == "out_of_scope")
        #expect(Self.decided("支付宝里没有花呗的入口") == "out_of_scope")
    }

    @Test("花呗 refused for one order, merchant or scene is out_of_scope")
    func oneScene() {
        #expect(Self.decided("这个商家不能用花呗付款") == "out_of_scope")
        #expect(Self.decided("充话费用不了花呗") == "out_of_scope")
    }

    @Test("芝麻信用 in general or its authorisation is out_of_scope; a low score blamed for a frozen 花呗 is credit_score")
    func zhima() {
        #expect(Self.decided("芝麻信用怎么授权给花呗") == "out_of_scope")
        #expect(Self.decided("用花呗会不会涨芝麻分") == "out_of_scope")
        #expect(Self.decided("芝麻分低了花呗被关了") == "credit_score")
    }

    @Test("off-topic subjects report out_of_scope with their topic, and their reply still says what the bot handles")
    func topics() {
        var conversation = Conversation()
        let turn = conversation.say("借呗怎么提前还款")
        #expect(turn.intent == "out_of_scope")
        #expect(turn.classification.topic == "jiebei")
        #expect(turn.replyKey == "jiebei")
        #expect(turn.reply.contains("花呗冻结问题助手"))
    }
}
