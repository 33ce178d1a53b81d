import BotConfig
import Dialogue
import Foundation
import SharedTestSupport
import Testing

/// Issue 17: commands, menu words, and questions about the cause being discussed, on the repository's own
/// `Intents/` (the shared trained engine: nothing is trained here).
@Suite("Conversation basics: commands, menu words, questions about the cause discussed", .trainedEngine)
struct ConversationBasicsTests {
    static let responses = TestCatalog.catalog.responses
    /// The out-of-scope apology's opening, which a menu asked for must not carry.
    static let apology = String(TestCatalog.catalog.intent("out_of_scope")!.reply.prefix(8))

    static func menuListed(in reply: String) -> Bool {
        let titles = responses.menu.map { TestCatalog.catalog.intent($0)!.title }
        return reply.contains(responses.menuIntro) && titles.enumerated().allSatisfy { reply.contains("\($0.offset + 1). \($0.element)") }
    }

    // MARK: Commands

    @Test("/start greets and shows the numbered menu, whatever follows it", arguments: [
        "/start", "/start 8f3a_payload", "/start@huabei_bot", "/Start@Huabei_Bot abc", "  /start\n", "／start",
    ])
    func start(text: String) {
        var chat = Conversation()
        let turn = chat.say(text)
        #expect(turn.replyKey == "command.start")
        #expect(turn.handling == .command("start"))
        #expect(turn.reply.hasPrefix(Self.responses.command("start")!.reply.prefix(10)))
        #expect(Self.menuListed(in: turn.reply))
        #expect(!turn.reply.contains(Self.apology))
        #expect(turn.state.pending == .choice(options: Self.responses.menu, kind: .menu))
        // A number picks from the menu, as after any menu.
        #expect(chat.say("2").replyKey == Self.responses.menu[1])
    }

    @Test("/help shows the menu and how to reach a person, in the middle of a diagnosis too")
    func help() {
        var chat = Conversation()
        chat.say("我的花呗怎么用不了了")
        let turn = chat.say("/help")
        #expect(turn.replyKey == "command.help")
        #expect(Self.menuListed(in: turn.reply))
        #expect(turn.reply.contains("95188") && turn.reply.contains("我的客服"))
        #expect(!turn.reply.contains(Self.apology))
    }

    @Test("/reset forgets the chat's state and says so")
    func reset() {
        var chat = Conversation()
        chat.say("我的花呗怎么用不了了")
        chat.say("没有")
        #expect(chat.state.diagnosis != nil)
        let turn = chat.say("/reset")
        #expect(turn.replyKey == "command.reset")
        #expect(turn.reply == Self.responses.command("reset")!.reply)
        #expect(turn.state.pending == nil && turn.state.diagnosis == nil && turn.state.topic == nil)
        #expect(turn.state.turns == 1)
    }

    @Test("an unknown command gets a short note and the menu", arguments: ["/foo", "/settings@huabei_bot", "/stop now"])
    func unknownCommand(text: String) {
        var chat = Conversation()
        let turn = chat.say(text)
        #expect(turn.replyKey == "command.unknown")
        #expect(turn.handling == .command("unknown"))
        #expect(turn.reply.hasPrefix(Self.responses.unknownCommand))
        #expect(Self.menuListed(in: turn.reply))
    }

    @Test("what is and is not a command")
    func commandParsing() {
        #expect(BotCommand.parse("/start") == BotCommand(name: "start"))
        #expect(BotCommand.parse("/start@huabei_bot deep-link") == BotCommand(name: "start", botName: "huabei_bot", argument: "deep-link"))
        #expect(BotCommand.parse("/HELP") == BotCommand(name: "help"))
        for text in ["/ start", "/开始", "/start-now", "start", "a /start", "//", "/start@", "http://x"] {
            #expect(BotCommand.parse(text) == nil, "\(text)")
        }
    }

    // MARK: Menu words

    @Test("words that ask for the menu get it without an apology", arguments: [
        "菜单", "帮助", "你能做什么", "有哪些问题", "菜单呢", "你能做什么呀", "请问你能做什么？", "求帮助", "MENU", "help", "選單",
    ])
    func menuWords(text: String) {
        var chat = Conversation()
        let turn = chat.say(text)
        #expect(turn.handling == .menuRequest, "\(text): \(turn.replyKey)")
        #expect(turn.replyKey == "menu")
        #expect(Self.menuListed(in: turn.reply))
        #expect(!turn.reply.contains(Self.apology))
    }

    @Test("a message that only mentions a menu word is not a menu request", arguments: [
        "花呗被冻结了需要帮助，逾期了三个月怎么办", "我的花呗额度被收回了，功能被限制了", "帮助我，花呗冻结了", "help me 花呗冻结了",
    ])
    func notMenu(text: String) {
        var chat = Conversation()
        let turn = chat.say(text)
        #expect(turn.handling == .classified)
        #expect(turn.replyKey != "menu")
    }

    @Test("菜单 and 帮助 in the middle of a diagnosis or a follow-up question show the menu")
    func menuAnywhere() {
        var chat = Conversation()
        chat.say("我的花呗怎么用不了了")
        #expect(chat.say("菜单").replyKey == "menu")
        var other = Conversation()
        other.say("花呗逾期了还能用吗")
        let turn = other.say("帮助")
        #expect(turn.replyKey == "menu")
        #expect(turn.state.pending == .choice(options: Self.responses.menu, kind: .menu))
    }

    // MARK: Questions about the cause being discussed

    @Test("多久能恢复 right after the overdue answer: three to six months, and the pending question again")
    func overdueHowLong() {
        var chat = Conversation()
        #expect(chat.say("花呗逾期了还能用吗").state.pending == .followUp(id: "overdue.repaid"))
        let turn = chat.say("多久能恢复")
        #expect(turn.replyKey == "overdue.how_long")
        #expect(turn.handling == .topicQuestion(cause: "overdue", kinds: ["how_long"]))
        #expect(turn.reply.contains("三到六个月"))
        #expect(!turn.reply.contains(TestCatalog.catalog.intent("freeze_overview")!.reply.prefix(12)))
        // The follow-up is still open and asked again; its answer still works.
        #expect(turn.state.pending == .followUp(id: "overdue.repaid"))
        #expect(turn.reply.hasSuffix(TestCatalog.catalog.followUp("overdue.repaid")!.question))
        #expect(chat.say("还清了").replyKey == "overdue.repaid.affirm")
        // After the follow-up's answer the cause is still discussed.
        #expect(chat.say("那要多久").replyKey == "overdue.how_long")
    }

    /// Each cause's own "how long", as its file says (maintenance: minutes to days; cash-out: one or two months).
    @Test("each cause's how long", arguments: TestCatalog.causes)
    func howLong(cause: String) throws {
        let intent = try #require(TestCatalog.catalog.intent(cause))
        var chat = Conversation()
        let start = chat.say(intent.examples[0].text)
        try #require(start.replyKey == cause, "\(intent.examples[0].text) → \(start.replyKey)")
        let turn = chat.say("多久能恢复？")
        #expect(turn.replyKey == "\(cause).how_long")
        let expected = intent.topicAnswer("how_long")?.reply ?? Self.responses.topicFallback
        #expect(turn.reply.hasPrefix(expected))
        let article: [String: String] = [
            "overdue": "三到六个月", "cash_out": "一两个月", "maintenance": "几分钟", "credit_score": "系统评估",
            "low_activity": "系统评估", "account_security": "系统评估",
        ]
        #expect(turn.reply.contains(article[cause]!))
    }

    @Test("how long, asked in several ways and with typos", arguments: [
        "多久能恢复", "要多长时间才能用", "什么时候能好啊", "大概几个月", "多旧能恢复", "duojiu", "多久能恢復", "那我要等多久才能用花呗",
        "请问还要多少天",
    ])
    func howLongPhrasings(text: String) {
        var chat = Conversation()
        chat.say("借呗逾期了花呗也用不了")
        let turn = chat.say(text)
        #expect(turn.replyKey == "overdue.how_long", "\(text) → \(turn.replyKey)")
    }

    @Test("what to do, why and is it serious, each answered for the cause discussed", arguments: [
        ("overdue", "那我现在该怎么办", "what_to_do"), ("overdue", "为什么会这样", "why"), ("overdue", "严重吗", "serious"),
        ("cash_out", "现在咋办", "what_to_do"), ("maintenance", "影响大吗", "serious"), ("credit_score", "为啥", "why"),
    ])
    func otherKinds(cause: String, text: String, kind: String) throws {
        let intent = try #require(TestCatalog.catalog.intent(cause))
        var chat = Conversation()
        try #require(chat.say(intent.examples[0].text).replyKey == cause)
        let turn = chat.say(text)
        #expect(turn.replyKey == "\(cause).\(kind)", "\(text) → \(turn.replyKey)")
        #expect(turn.reply.hasPrefix(intent.topicAnswer(kind)!.reply))
    }

    @Test("a kind the cause's file does not answer gets the honest 'it depends on the system's assessment'")
    func fallback() throws {
        #expect(TestCatalog.catalog.intent("low_activity")!.topicAnswer("serious") == nil)
        var chat = Conversation()
        try #require(chat.say(TestCatalog.catalog.intent("low_activity")!.examples[0].text).replyKey == "low_activity")
        let turn = chat.say("严重吗")
        #expect(turn.replyKey == "low_activity.serious")
        #expect(turn.reply.hasPrefix(Self.responses.topicFallback))
    }

    @Test("an answer to the pending question with the topic question: both are taken", arguments: [
        ("还清了，多久能恢复", "affirm"), ("是的，要多久", "affirm"), ("还没还清呢，严重吗", "deny"), ("没有，那要多久", "deny"),
    ])
    func answerAndQuestion(text: String, answer: String) {
        var chat = Conversation()
        chat.say("花呗逾期了还能用吗")
        let turn = chat.say(text)
        let followUp = TestCatalog.catalog.followUp("overdue.repaid")!
        #expect(turn.handling.logDecision?.hasPrefix("topic_question:") == true)
        #expect(turn.reply.contains(followUp.branch(answer == "affirm" ? .yes : .no).reply!), "\(text)")
        #expect(!turn.reply.hasSuffix(followUp.question))
        #expect(turn.state.pending == nil)
        #expect(turn.state.topic == "overdue")
    }

    @Test("two questions in one message get both answers")
    func twoKinds() {
        var chat = Conversation()
        chat.say("花呗逾期了还能用吗")
        let turn = chat.say("严重吗？要多久才能恢复")
        #expect(turn.handling == .topicQuestion(cause: "overdue", kinds: ["how_long", "serious"]))
        let overdue = TestCatalog.catalog.intent("overdue")!
        #expect(turn.reply.contains(overdue.topicAnswer("how_long")!.reply) && turn.reply.contains(overdue.topicAnswer("serious")!.reply))
    }

    @Test("without a cause being discussed, 多久能恢复 is left to the classifier")
    func noTopic() {
        var chat = Conversation()
        #expect(chat.say("多久能恢复").handling == .classified)
        var afterOverview = Conversation()
        afterOverview.say("我的花呗怎么用不了了")
        #expect(afterOverview.say("多久能恢复").handling == .classified)
    }

    @Test("a question that names another cause changes the subject")
    func otherSubject() {
        var chat = Conversation()
        chat.say("花呗逾期了还能用吗")
        let turn = chat.say("还有就是我的芝麻分也掉到550了，芝麻分低要多久才能恢复花呗")
        #expect(turn.handling == .classified)
        #expect(turn.replyKey == "credit_score")
    }

    @Test("还有别的原因吗 after the cash-out answer goes on with the causes not yet ruled out", arguments: [
        "还有别的原因吗", "还有其他原因吗？", "会不会是别的原因", "还有什么原因",
    ])
    func otherCauses(text: String) {
        var chat = Conversation()
        #expect(chat.say("我用花呗套现了，现在被风控了").replyKey == "cash_out")
        let turn = chat.say(text)
        #expect(turn.handling == .otherCauses(after: "cash_out"), "\(text) → \(turn.replyKey)")
        #expect(turn.replyKey == "diagnose.other_causes")
        #expect(turn.reply.hasPrefix(Self.responses.otherCausesIntro))
        #expect(turn.state.pending == .probe(cause: "overdue"))
        #expect(turn.state.diagnosis?.ruledOut == ["cash_out"])
    }

    @Test("other causes during a diagnosis skips the causes already ruled out and the one discussed")
    func otherCausesInDiagnosis() {
        var chat = Conversation()
        chat.say("我的花呗怎么用不了了")
        #expect(chat.say("没有").state.pending == .probe(cause: "cash_out"))
        #expect(chat.say("有的").replyKey == "cash_out")
        let turn = chat.say("还有别的原因吗")
        #expect(turn.state.pending == .probe(cause: "credit_score"))
        #expect(turn.state.diagnosis?.ruledOut == ["overdue", "cash_out"])
        #expect(turn.state.diagnosis?.confirmed == nil)
    }

    // MARK: The intent files

    func loadErrors(editing file: String, _ edit: (String) -> String) throws -> String {
        let directory = ScratchDirectory.path("intents")
        try FileManager.default.copyItem(atPath: TestCatalog.intentsDirectory, toPath: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/" + file
        try edit(try String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try IntentCatalogLoader(directory: directory).load()
            return ""
        } catch {
            return error.description
        }
    }

    @Test("the new texts are validated with file:line errors")
    func validation() throws {
        let unknownKind = try loadErrors(editing: "maintenance.yaml") { $0.replacingOccurrences(of: "\n  serious: |", with: "\n  grave: |") }
        #expect(unknownKind.contains("maintenance.yaml:") && unknownKind.contains("'topic_answers' answers 'grave'"), "\(unknownKind)")
        let noReset = try loadErrors(editing: "_responses.yaml") { $0.replacingOccurrences(of: "\n  reset:\n", with: "\n  restart:\n") }
        #expect(noReset.contains("_responses.yaml:") && noReset.contains("missing command 'reset'"), "\(noReset)")
        let badName = try loadErrors(editing: "_responses.yaml") { $0.replacingOccurrences(of: "\n  help:\n", with: "\n  Help-Me:\n") }
        #expect(badName.contains("command 'Help-Me' must be 1 to 32 characters"), "\(badName)")
        let long = String(repeating: "长", count: 257)
        let longDescription = try loadErrors(editing: "_responses.yaml") {
            $0.replacingOccurrences(of: "description: 清空之前的对话，重新开始", with: "description: \(long)")
        }
        #expect(longDescription.contains("has 257 characters"), "\(longDescription)")
        let notCause = try loadErrors(editing: "greeting.yaml") { $0 + "\ntopic_answers:\n  how_long: 马上\n" }
        #expect(notCause.contains("greeting.yaml:") && notCause.contains("'topic_answers' is only for intents of category cause"))
    }

    @Test("every cause answers how long, what to do and why")
    func everyCauseAnswers() {
        for cause in TestCatalog.causes {
            for kind in ["how_long", "what_to_do", "why"] {
                #expect(TestCatalog.catalog.intent(cause)?.topicAnswer(kind) != nil, "\(cause).\(kind)")
            }
        }
    }
}
