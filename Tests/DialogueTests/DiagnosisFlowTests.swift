import Dialogue
import SharedTestSupport
import Testing

@Suite("Diagnosis flow", .trainedEngine)
struct DiagnosisFlowTests {
    let causes = TestCatalog.causes

    @Test("a freeze without a cause gets the four ways, the numbered causes and the first probe")
    func overview() {
        var chat = Conversation()
        let turn = chat.say("我的花呗怎么用不了了")
        #expect(turn.intent == "freeze_overview")
        #expect(turn.replyKey == "freeze_overview")
        #expect(turn.reply.contains("芝麻信用分"))
        #expect(turn.reply.contains("征信"))
        #expect(turn.reply.contains("6. "))
        #expect(turn.state.pending == .probe(cause: "overdue"))
    }

    @Test("yes to a probe jumps to that cause's remedy and its own follow-up", arguments: Array(0..<6))
    func yesToProbe(index: Int) {
        var chat = Conversation()
        chat.say("花呗被冻结了怎么办")
        for _ in 0..<index { chat.say("没有") }
        #expect(chat.state.pending == .probe(cause: causes[index]))
        let turn = chat.say("是的")
        #expect(turn.replyKey == causes[index])
        let cause = TestCatalog.catalog.intent(causes[index])!
        #expect(turn.reply.hasPrefix(cause.reply.prefix(20)))
        // A follow-up that only confirms the cause (its "no" resumes the diagnosis) is not asked again.
        let next = cause.followUps.first { $0.deny.target != "diagnose" }
        #expect(turn.state.pending == next.map { .followUp(id: $0.id) })
        #expect(turn.state.diagnosis?.confirmed == causes[index])
    }

    @Test("causes the first message rules out are not asked about", arguments: [
        ("我没逾期也没套现，花呗怎么被冻结了", ["overdue", "cash_out"], "credit_score"),
        ("从来没有逾期过，花呗怎么突然关了", ["overdue"], "cash_out"),
        ("没欠款没违规，也没换手机，花呗为什么不能用", ["overdue", "cash_out", "account_security"], "credit_score"),
        ("花呗冻结了，肯定不是因为逾期", ["overdue"], "cash_out"),
    ])
    func ruledOutInTheMessage(text: String, ruledOut: [String], next: String) {
        var chat = Conversation()
        let turn = chat.say(text)
        #expect(turn.intent == "freeze_overview")
        #expect(turn.state.diagnosis?.ruledOut == ruledOut)
        #expect(turn.state.pending == .probe(cause: next))
        let titles = ruledOut.compactMap { TestCatalog.catalog.intent($0)?.title }.joined(separator: "、")
        #expect(turn.reply.contains(TestCatalog.catalog.responses.ruledOutIntro + titles + "。"))
        for cause in ruledOut {
            #expect(!turn.reply.contains(TestCatalog.catalog.intent(cause)?.probe ?? "?"))
        }
    }

    @Test("a cause mentioned without a negation, in a question or after a set phrase is not ruled out", arguments: [
        "花呗被冻结了，是不是因为有没有逾期", "没事，花呗逾期冻结了", "花呗冻结了，不知道是不是逾期", "我没钱还款，逾期了",
        "没还款逾期了", "是不是套现了",
    ])
    func notRuledOut(text: String) {
        #expect(TestCatalog.engine.ruledOutCauses(in: text) == [])
    }

    @Test("a diagnosis started without ruling anything out asks about every cause in order")
    func nothingRuledOut() {
        var chat = Conversation()
        let turn = chat.say("没事吧，花呗怎么用不了")
        #expect(turn.intent == "freeze_overview")
        #expect(turn.state.diagnosis?.ruledOut == [])
        #expect(turn.state.pending == .probe(cause: "overdue"))
        #expect(!turn.reply.contains(TestCatalog.catalog.responses.ruledOutIntro))
    }

    @Test("no to each probe moves on, and no to all ends with how to reach customer service")
    func allNo() {
        var chat = Conversation()
        chat.say("花呗突然不能用了")
        for (index, cause) in causes.enumerated() {
            let turn = chat.say(index % 2 == 0 ? "没有" : "不是")
            if index + 1 < causes.count {
                #expect(turn.replyKey == "diagnose.ask_\(causes[index + 1])")
                #expect(turn.state.pending == .probe(cause: causes[index + 1]))
            } else {
                #expect(turn.replyKey == "diagnose.no_cause")
                #expect(turn.state.pending == nil)
                #expect(turn.reply.contains("客服"))
            }
            #expect(turn.state.diagnosis?.ruledOut.contains(cause) == true)
        }
    }

    @Test("not knowing the answer to a probe gets how to find out, then the next cause", arguments: [
        "不知道", "我也不清楚", "这个不太确定", "忘了", "bu zhi dao",
    ])
    func unsureAnswer(text: String) {
        var chat = Conversation()
        chat.say("花呗冻结了怎么回事")
        let turn = chat.say(text)
        #expect(turn.replyKey == "diagnose.unsure_overdue")
        #expect(turn.reply.hasPrefix(TestCatalog.catalog.intent("overdue")?.probeUnsure ?? "?"))
        #expect(turn.reply.hasSuffix(TestCatalog.catalog.intent("cash_out")?.probe ?? "?"))
        #expect(turn.state.pending == .probe(cause: "cash_out"))
        #expect(turn.state.diagnosis?.unsure == ["overdue"])
        #expect(turn.state.diagnosis?.ruledOut == [])
    }

    @Test("when some probes were answered 'not sure', the end says to check those before calling customer service")
    func endsWithUnsureCauses() {
        var chat = Conversation()
        chat.say("花呗突然不能用了")
        var last = chat.say("不清楚")
        for _ in causes.dropFirst() { last = chat.say("没有") }
        #expect(last.replyKey == "diagnose.unsure_left")
        #expect(last.reply == TestCatalog.catalog.overview?.diagnosis?.unsureReply)
        #expect(last.reply.contains("95188"))
        #expect(last.state.pending == nil)
        // Told later that the check found it, the bot answers that cause.
        #expect(chat.say("我查了，确实逾期了").replyKey == "overdue")
    }

    @Test("the number of a listed cause jumps straight to it", arguments: [("3", "credit_score"), ("５", "account_security"), ("第2个", "cash_out"), ("六", "maintenance")])
    func numberedCause(answer: String, cause: String) {
        var chat = Conversation()
        chat.say("花呗冻结了")
        #expect(chat.say(answer).replyKey == cause)
    }

    @Test("naming a cause mid-flow jumps to it")
    func namedCause() {
        var chat = Conversation()
        chat.say("花呗用不了了")
        chat.say("没有")
        let turn = chat.say("我前几天换了新手机号")
        #expect(turn.replyKey == "account_security")
    }

    @Test("a 'no' that names the cause asked about is a no; one that names another cause jumps there")
    func negatedCause() {
        var chat = Conversation()
        chat.say("花呗用不了了")
        #expect(chat.say("没有逾期").replyKey == "diagnose.ask_cash_out")
        var other = Conversation()
        other.say("花呗用不了了")
        #expect(other.say("没有逾期，不过我芝麻分掉到580了").replyKey == "credit_score")
    }

    @Test("for a cause said with a negation, the negation is part of the yes")
    func negativeCause() {
        var chat = Conversation()
        chat.say("花呗冻结了")
        for _ in 0..<3 { chat.say("没有") }
        #expect(chat.state.pending == .probe(cause: "low_activity"))
        #expect(chat.say("从来没用过").replyKey == "low_activity")
        var busy = Conversation()
        busy.say("花呗冻结了")
        for _ in 0..<3 { busy.say("没有") }
        #expect(busy.say("没有，我经常用").replyKey == "diagnose.ask_account_security")
    }

    @Test("an answer that is not yes or no gets the question again")
    func reprompt() {
        var chat = Conversation()
        chat.say("花呗冻结了")
        let turn = chat.say("今天天气怎么样")
        #expect(turn.replyKey == "diagnose.ask_overdue.reprompt")
        #expect(turn.state.pending == .probe(cause: "overdue"))
        #expect(turn.reply.contains(TestCatalog.catalog.intent("overdue")!.probe!))
    }
}

@Suite("Answers that name another cause", .trainedEngine)
struct AnswerNamesAnotherCauseTests {
    @Test("a yes that also names another cause gives both remedies and goes on with the other cause")
    func yesAndAnotherCause() {
        var conversation = Conversation()
        conversation.say("花呗用不了了")
        let turn = conversation.say("是的，而且我还换了手机号")
        #expect(turn.replyKey == "overdue")
        #expect(turn.reply.contains(TestCatalog.catalog.intent("account_security")!.reply.prefix(12)))
        #expect(turn.state.diagnosis?.confirmed == "account_security")
    }

    @Test("a no that names another cause rules the probed cause out and takes up the one named")
    func noButAnotherCause() {
        var conversation = Conversation()
        conversation.say("花呗用不了了")
        let turn = conversation.say("没有，不过我芝麻分掉到550了")
        #expect(turn.replyKey == "credit_score")
        #expect(turn.state.diagnosis?.confirmed == "credit_score")
    }

    @Test("a plain yes still answers only the cause asked about")
    func plainYes() {
        var conversation = Conversation()
        conversation.say("花呗用不了了")
        let turn = conversation.say("是的")
        #expect(turn.replyKey == "overdue")
        #expect(turn.state.diagnosis?.confirmed == "overdue")
    }
}
