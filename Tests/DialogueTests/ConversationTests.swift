import BotConfig
import Classifier
import Dialogue
import Foundation
import SharedTestSupport
import Testing

@Suite("Conversation handling", .trainedEngine)
struct ConversationTests {
    @Test("not understood: an apology and a numbered menu; a number picks from it")
    func menu() {
        var chat = Conversation()
        let turn = chat.say("帮我订一张去上海的机票")
        #expect(turn.replyKey == "out_of_scope")
        #expect(turn.reply.contains("1. "))
        guard case .choice(let options, .menu)? = turn.state.pending else {
            Issue.record("expected a menu, got \(String(describing: turn.state.pending))")
            return
        }
        #expect(chat.say("2").replyKey == options[1])
    }

    @Test("two close intents: the bot asks which one, naming both, and accepts 1 or 2")
    func ambiguity() {
        let engine = TestCatalog.engine
        var chat = Conversation()
        var state = ConversationState()
        state.pending = .choice(options: ["overdue", "credit_score"], kind: .clarify)
        chat.state = state
        #expect(chat.say("2").replyKey == "credit_score")
        // An answer that is neither a number nor a new subject gets the choice again, naming both.
        let titles = ["overdue", "credit_score"].map { engine.catalog.intent($0)!.title }
        var composed = Conversation()
        composed.state.pending = .choice(options: ["overdue", "credit_score"], kind: .clarify)
        let reprompt = composed.say("嗯")
        #expect(reprompt.replyKey == "clarify.reprompt")
        #expect(titles.allSatisfy { reprompt.reply.contains($0) })
    }

    @Test("the policy's ambiguity becomes a question naming both intents")
    func ambiguousDecision() {
        let catalog = TestCatalog.catalog
        var configuration = BotConfiguration()
        configuration.classifier.ambiguityMargin = 1.0  // every two-intent message is "close"
        let engine = DialogueEngine(catalog: catalog, classifier: TestCatalog.engine.classifier, configuration: configuration)
        let turn = engine.respond(to: "芝麻分低了，之前还逾期过", state: ConversationState())
        #expect(turn.replyKey == "clarify")
        guard case .choice(let options, .clarify)? = turn.state.pending else {
            Issue.record("expected a clarifying choice")
            return
        }
        #expect(options.count == 2)
        for option in options { #expect(turn.reply.contains(catalog.intent(option)!.title)) }
    }

    @Test("a password or verification code gets a warning and is never repeated")
    func sensitive() {
        var chat = Conversation()
        let turn = chat.say("我的支付密码是abc12345，验证码是482913，帮我解冻")
        #expect(turn.notices.contains(.sensitiveData))
        #expect(turn.reply.contains("密码"))
        #expect(!turn.reply.contains("abc12345"))
        #expect(!turn.reply.contains("482913"))
        let id = chat.say("身份证号110101199003071234")
        #expect(id.notices.contains(.sensitiveData))
        #expect(!id.reply.contains("110101199003071234"))
    }

    @Test("paid unfreezing services, cash-out agents and fake customer service get a scam warning", arguments: [
        "有人说可以付费解封花呗，靠谱吗", "有个自称客服的人打电话说要帮我解冻花呗，让我转账", "客服让我把钱转到安全账户",
        "对方要我打开屏幕共享",
    ])
    func scam(text: String) {
        var chat = Conversation()
        let turn = chat.say(text)
        #expect(turn.notices.contains(.scam))
        #expect(turn.reply.contains(TestCatalog.catalog.responses.scamWarning.prefix(10)))
    }

    @Test("empty and emoji-only messages get a request for text, never a crash", arguments: ["", "😭😭", "？？？"])
    func empty(text: String) {
        var chat = Conversation()
        let turn = chat.say(text)
        #expect(turn.replyKey == "empty")
        #expect(turn.intent == "out_of_scope")
    }

    @Test("the state is forgotten after the idle timeout")
    func idleTimeout() {
        var chat = Conversation()
        chat.say("花呗冻结了")
        chat.now += 61 * 60
        let turn = chat.say("是的")
        #expect(turn.state.diagnosis == nil)
        #expect(turn.replyKey == "affirm")
    }

    @Test("the state is a plain value that survives a JSON round trip")
    func codable() throws {
        var chat = Conversation()
        chat.say("花呗冻结了")
        chat.say("没有")
        let data = try JSONEncoder().encode(chat.state)
        let restored = try JSONDecoder().decode(ConversationState.self, from: data)
        #expect(restored == chat.state)
        var resumed = Conversation()
        resumed.state = restored
        resumed.now = chat.now
        #expect(resumed.say("是的").replyKey == "cash_out")
    }

    @Test("a state stored before 'not sure' answers existed still reads")
    func olderStateReads() throws {
        let stored = #"{"ruledOut":["overdue"],"confirmed":"cash_out"}"#
        let progress = try JSONDecoder().decode(DiagnosisProgress.self, from: Data(stored.utf8))
        #expect(progress == DiagnosisProgress(ruledOut: ["overdue"], unsure: [], confirmed: "cash_out"))
    }

    @Test("smalltalk is answered politely", arguments: [("你好", "greeting"), ("谢谢你", "thanks"), ("拜拜", "goodbye")])
    func smalltalk(text: String, key: String) {
        var chat = Conversation()
        #expect(chat.say(text).replyKey == key)
    }
}
