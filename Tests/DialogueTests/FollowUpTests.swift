import Dialogue
import SharedTestSupport
import Testing

@Suite("Follow-up questions after a remedy", .trainedEngine)
struct FollowUpTests {
    /// For every cause and both answers: the branch's reply key and where it leads, read from the catalog.
    @Test("every branch of every cause's follow-up", arguments: TestCatalog.causes.flatMap { [($0, "是的"), ($0, "没有")] })
    func branches(cause: String, answer: String) {
        let catalog = TestCatalog.catalog
        let followUp = catalog.intent(cause)!.followUps[0]
        let isYes = answer == "是的"
        let branch = isYes ? followUp.affirm : followUp.deny
        var chat = Conversation()
        let start = chat.say(catalog.intent(cause)!.examples[0].text)
        #expect(start.replyKey == cause, "\(catalog.intent(cause)!.examples[0].text)")
        #expect(start.state.pending == .followUp(id: followUp.id))
        let turn = chat.say(answer)
        if let reply = branch.reply {
            #expect(turn.replyKey == "\(followUp.id).\(isYes ? "affirm" : "deny")")
            #expect(turn.reply.hasPrefix(reply.prefix(15)))
        }
        switch branch.target {
        case nil:
            #expect(turn.state.pending == nil)
        case "diagnose":
            #expect(turn.state.diagnosis?.ruledOut.contains(cause) == true)
            if case .probe(let next) = turn.state.pending { #expect(next != cause) } else { Issue.record("expected a probe, got \(String(describing: turn.state.pending))") }
        case let target?:
            let reply = catalog.intent(target)?.reply ?? catalog.followUp(target)?.question ?? "?"
            #expect(turn.reply.contains(reply.prefix(15)))
        }
    }

    @Test("overdue asks whether the debt is repaid; an echo answer is a yes, a negated one a no")
    func overdueEcho() {
        var chat = Conversation()
        #expect(chat.say("花呗逾期了还能用吗").state.pending == .followUp(id: "overdue.repaid"))
        #expect(chat.say("还清了").replyKey == "overdue.repaid.affirm")
        var other = Conversation()
        other.say("花呗逾期了还能用吗")
        #expect(other.say("还没还清").replyKey == "overdue.repaid.deny")
    }

    @Test("a greeting during a question is answered and the question asked again")
    func greetingKeepsQuestion() {
        var chat = Conversation()
        chat.say("借呗逾期了花呗也用不了")
        let turn = chat.say("你好")
        #expect(turn.replyKey == "greeting")
        #expect(turn.state.pending == .followUp(id: "overdue.repaid"))
    }

    @Test("a hesitation before a no is a no; before a yes, or alone, a yes", arguments: [
        ("嗯，没有", false), ("嗯没有", false), ("嗯嗯，不是", false), ("恩，还没有", false),
        ("嗯，有的", true), ("嗯嗯", true), ("嗯，是的", true),
    ])
    func hesitation(answer: String, isYes: Bool) {
        var chat = Conversation()
        #expect(chat.say("花呗逾期了还能用吗").state.pending == .followUp(id: "overdue.repaid"))
        #expect(chat.say(answer).replyKey == "overdue.repaid.\(isYes ? "affirm" : "deny")", "\(answer)")
    }
}
