import Foundation
import Operators
import Testing
import TurnLog

/// Commands, menu requests and questions about the cause being discussed are decisions of their own in the turn
/// log: the report counts them, and never as not understood.
@Suite("Report: the dialogue's own decisions")
struct DialogueDecisionReportTests {
    private func report(_ records: [TurnLogRecord]) -> OperatorReport {
        var settings = ReportSettings()
        settings.timeZone = .utc
        settings.causes = ["overdue", "cash_out"]
        var analyzer = TurnLogAnalyzer(settings: settings)
        for record in records { analyzer.add(record) }
        return analyzer.report(reading: TurnLogReadSummary(), generatedAt: Date(timeIntervalSince1970: 0))
    }

    static func records() -> [TurnLogRecord] {
        var script = TurnScript(chat: "1", start: "2026-12-01T10:00:00Z")
        script.turn("/start", intent: "command", confidence: 1, decision: "command:start", replyKey: "command.start", step: "menu")
        script.turn("菜单", intent: "out_of_scope", confidence: 0.31, decision: "menu_request", replyKey: "menu", step: "menu")
        script.turn("花呗逾期了还能用吗", intent: "overdue", confidence: 0.93, replyKey: "overdue", step: "overdue.repaid")
        script.turn(
            "多久能恢复", intent: "maintenance", confidence: 0.38, decision: "topic_question:how_long", replyKey: "overdue.how_long",
            step: "overdue.repaid")
        script.turn("还清了", intent: "affirm", confidence: 0.9, replyKey: "overdue.repaid.affirm", step: "idle")
        script.turn(
            "还有别的原因吗", intent: "out_of_scope", confidence: 0.6, decision: "other_causes", replyKey: "diagnose.other_causes",
            step: "diagnose.ask_cash_out")
        script.turn("/foo", intent: "command", confidence: 1, decision: "command:unknown", replyKey: "command.unknown", step: "menu")
        script.turn("今天天气怎么样", intent: "out_of_scope", confidence: 0.9, decision: "out_of_scope:predicted", replyKey: "out_of_scope", step: "menu")
        return script.records
    }

    @Test("counted per decision, and not as not understood")
    func counted() {
        let figures = report(Self.records()).understanding
        #expect(figures.dialogueDecisions == 5)
        #expect(abs(figures.dialogueDecisionRate - 5.0 / 8.0) < 1e-12)
        #expect(Dictionary(uniqueKeysWithValues: figures.dialogueDecisionKinds.map { ($0.name, $0.count) }) == [
            "command:start": 1, "command:unknown": 1, "menu_request": 1, "topic_question:how_long": 1, "other_causes": 1,
        ])
        #expect(figures.notUnderstood == 1)
        #expect(figures.outOfScope == 1)
        #expect(figures.lowConfidence == 0)
    }

    @Test("a topic question leaves its follow-up question open: the next turn answers it")
    func followUpStaysOpen() throws {
        let answers = try #require(report(Self.records()).followUps.first { $0.question == "overdue.repaid" })
        #expect(answers.yes == 1)
        #expect(answers.other == 0)
    }

    @Test("the text and HTML reports show them")
    func shown() {
        let report = report(Self.records())
        let text = ReportTextFormatter().format(report)
        #expect(text.contains("decided by the dialogue") && text.contains("commands, menu, topic questions"))
        #expect(text.contains("command:start 1"))
        let html = ReportHTMLFormatter().format(report)
        #expect(html.contains("topic_question:how_long 1"))
        #expect(TurnLogRecord.dialogueDecisionPrefixes.allSatisfy { prefix in Self.records().contains { $0.decision.hasPrefix(prefix) } })
    }
}
