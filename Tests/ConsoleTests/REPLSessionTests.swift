import Classifier
import Console
import Dialogue
import Foundation
import SharedTestSupport
import Testing

@Suite("REPL session and JSON output", .trainedEngine)
struct REPLSessionTests {
    static var engine: DialogueEngine { SharedEngine.engine }

    @Test("a turn's JSON line has the documented fields")
    func turnRecord() throws {
        var session = REPLSession(engine: Self.engine)
        guard case .turn(let turn, let text) = session.handle("花贝逾期了现在还能用吗") else {
            Issue.record("expected a turn")
            return
        }
        let line = JSONLines().line(TurnRecord(text: text, turn: turn))
        let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["text", "intent", "confidence", "ranking", "reply", "reply_key", "state"])
        #expect(object["intent"] as? String == "overdue")
        #expect(object["reply_key"] as? String == "overdue")
        #expect(object["text"] as? String == "花贝逾期了现在还能用吗")
        let ranking = try #require(object["ranking"] as? [[String: Any]])
        #expect(ranking.count == Self.engine.classifier.intents.count)
        #expect(ranking.first?["intent"] as? String == "overdue")
        #expect(!line.contains("\n"))
    }

    @Test("a classification record for classify --jsonl")
    func classificationRecord() throws {
        let classification = Self.engine.classifier.classify("今天吃什么")
        let line = JSONLines().line(ClassificationRecord(text: "今天吃什么", classification: classification, policy: Self.engine.policy))
        let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["intent"] as? String == "out_of_scope")
        #expect((object["decision"] as? String)?.hasPrefix("out_of_scope") == true)
    }

    @Test("commands: :state, :reset, :explain, :help, :quit")
    func commands() {
        var session = REPLSession(engine: Self.engine)
        _ = session.handle("花呗冻结了")
        guard case .info(let state) = session.handle(":state") else { Issue.record("no state"); return }
        #expect(state.contains("overdue"))
        guard case .info(let explanation) = session.handle(":explain") else { Issue.record("no explanation"); return }
        #expect(explanation.contains("freeze_overview"))
        #expect(explanation.contains("冻结"))
        _ = session.handle(":reset")
        #expect(session.state == ConversationState())
        #expect(session.handle(":quit") == .quit)
        guard case .info(let help) = session.handle(":help") else { Issue.record("no help"); return }
        #expect(help.contains(":explain"))
        guard case .info(let unknown) = session.handle(":frobnicate") else { Issue.record("no answer"); return }
        #expect(unknown.contains("unknown command"))
    }

    @Test(":explain says why the scam warning is or is not given: the word lists, then the detector's probability")
    func explainScam() throws {
        let session = REPLSession(engine: Self.engine)
        let detector = try #require(Self.engine.scamDetector)
        let threshold = String(format: "warns at ≥ %.2f", detector.threshold)
        let listed = session.explanation(of: "加我微信，花呗秒解")
        #expect(listed.contains("scam:       warned (word lists: match;"))
        #expect(listed.contains(threshold))
        // Written for this test: no list word, so only the detector can warn it.
        let learned = session.explanation(of: "你的花呗不能用了？我这有门道让它重新能刷，意思一下就行")
        #expect(learned.contains("scam:       warned (word lists: no match; detector"))
        let ordinary = session.explanation(of: "花呗每个月几号还款")
        #expect(ordinary.contains("scam:       not warned (word lists: no match; detector 0."))
    }
}
