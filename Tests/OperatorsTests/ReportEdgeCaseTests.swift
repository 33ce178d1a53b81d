import Foundation
import Operators
import Testing
import TurnLog

/// Figures on small hand-made logs whose answers are written out here.
@Suite("Report edge cases")
struct ReportEdgeCaseTests {
    private func report(_ records: [TurnLogRecord], _ adjust: (inout ReportSettings) -> Void = { _ in }) -> OperatorReport {
        var settings = ReportSettings()
        settings.timeZone = .utc
        settings.causes = ["overdue", "cash_out"]
        adjust(&settings)
        var analyzer = TurnLogAnalyzer(settings: settings)
        for record in records { analyzer.add(record) }
        return analyzer.report(reading: TurnLogReadSummary(), generatedAt: Date(timeIntervalSince1970: 0))
    }

    @Test("latency percentiles are nearest-rank over known values; unknown latencies are left out")
    func latencyPercentiles() {
        var script = TurnScript(chat: "1", start: "2026-11-01T10:00:00Z")
        for value in (1...100).shuffled() { script.turn("x", intent: "greeting", latency: Int64(value) * 1000) }
        script.turn("old line", intent: "greeting", latency: -1)
        let latency = report(script.records).latency
        #expect(latency.count == 100)
        #expect(latency.p50 == 50_000)
        #expect(latency.p95 == 95_000)
        #expect(latency.p99 == 99_000)
        #expect(latency.max == 100_000)
        #expect(latency.mean == 50_500)

        var single = TurnScript(chat: "1", start: "2026-11-01T10:00:00Z")
        single.turn("x", intent: "greeting", latency: 7)
        let one = report(single.records).latency
        #expect([one.p50, one.p95, one.p99] == [7, 7, 7])
        #expect(report([]).latency.count == 0)
    }

    @Test("not understood: an out_of_scope decision or a confidence under the threshold, not at it")
    func threshold() {
        var script = TurnScript(chat: "1", start: "2026-11-01T10:00:00Z")
        script.turn("a", intent: "overdue", confidence: 0.45)
        script.turn("b", intent: "overdue", confidence: 0.4499)
        script.turn("c", intent: "cash_out", confidence: 0.30, decision: "ambiguous", replyKey: "clarify", step: "clarify")
        script.turn("d", intent: "out_of_scope", confidence: 0.95, decision: "out_of_scope:predicted", replyKey: "out_of_scope", step: "menu")
        script.turn("😭", intent: "out_of_scope", confidence: 0.07, decision: "out_of_scope:empty", replyKey: "empty")
        let figures = report(script.records).understanding
        #expect(figures.outOfScope == 2)
        #expect(figures.lowConfidence == 3)
        #expect(figures.notUnderstood == 4)
        #expect(figures.outOfScopeRate == 0.4)
        #expect(figures.outOfScopeReasons.map(\.name) == ["empty", "predicted"])
        let stricter = report(script.records) { $0.confidenceThreshold = 0.5 }.understanding
        #expect(stricter.lowConfidence == 4)
    }

    @Test("days follow the report's time zone; --since and --until keep the days between")
    func daysAndPeriod() throws {
        var late = TurnScript(chat: "1", start: "2026-11-01T20:00:00Z")
        late.turn("晚上好", intent: "greeting")
        var next = TurnScript(chat: "2", start: "2026-11-02T03:00:00Z")
        next.turn("早", intent: "greeting")
        next.turn("早", intent: "greeting")
        let records = late.records + next.records
        #expect(report(records).days.map { "\($0.day) \($0.turns)" } == ["2026-11-01 1", "2026-11-02 2"])
        let shanghai = report(records) { $0.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .utc }
        #expect(shanghai.days.map { "\($0.day) \($0.turns) \($0.chats)" } == ["2026-11-02 3 2"])
        let since = report(records) { $0.since = LogDay("2026-11-02") }
        #expect(since.totals.turns == 2)
        #expect(since.reading.outsidePeriod == 1)
        let until = report(records) { $0.until = LogDay("2026-11-01") }
        #expect(until.totals.turns == 1)
    }

    @Test("a follow-up answer: reply key first, then the logged intent for a branch without a reply")
    func followUpAnswers() {
        var script = TurnScript(chat: "1", start: "2026-11-01T10:00:00Z")
        script.turn("花呗逾期了", intent: "overdue", step: "overdue.repaid")
        script.turn("还清了", intent: "affirm", replyKey: "overdue.repaid.affirm", step: "overdue.wait")
        script.turn("嗯", intent: "affirm", replyKey: "contact_support", step: "idle")  // overdue.wait's yes has no reply
        script.turn("花呗逾期了", intent: "overdue", step: "overdue.repaid")
        script.turn("啥", intent: "out_of_scope", confidence: 0.2, decision: "out_of_scope:low_confidence", replyKey: "overdue.repaid.reprompt", step: "overdue.repaid")
        script.turn("没有", intent: "deny", replyKey: "overdue.repaid.deny", step: "idle")
        script.turn("花呗逾期了", intent: "overdue", step: "overdue.repaid")
        script.turn("谢谢", intent: "thanks")
        let answers = report(script.records).followUps
        #expect(answers.map(\.question) == ["overdue.repaid", "overdue.wait"])
        #expect(answers[0].yes == 1 && answers[0].no == 1 && answers[0].unclear == 1 && answers[0].other == 1)
        #expect(answers[1].yes == 1 && answers[1].total == 1)
    }

    @Test("a chat silent longer than the idle timeout starts afresh: the old question is not answered, the old flow was abandoned")
    func idleTimeout() {
        var script = TurnScript(chat: "1", start: "2026-11-01T10:00:00Z")
        script.turn("花呗用不了了", intent: "freeze_overview", step: "diagnose.ask_overdue")
        script.wait(2 * 3600)
        script.turn("花呗逾期了", intent: "overdue", step: "overdue.repaid")
        script.wait(2 * 3600)
        script.turn("没有", intent: "deny", replyKey: "deny", step: "idle")
        let figures = report(script.records)
        #expect(figures.diagnosis.started == 1)
        #expect(figures.diagnosis.abandoned == 1)
        #expect(figures.diagnosis.reachedCause == 0)
        #expect(figures.followUps.isEmpty)
        let patient = report(script.records) { $0.idleTimeout = 3 * 3600 }
        #expect(patient.diagnosis.causes.map(\.name) == ["overdue"])
        #expect(patient.diagnosis.abandoned == 0)
        #expect(patient.followUps.map { "\($0.question) \($0.no)" } == ["overdue.repaid 1"])
    }

    @Test("diagnosis: a cause reached, a restart while open, every cause ruled out, a cause withdrawn by a follow-up")
    func diagnosisFlows() {
        var reached = TurnScript(chat: "1", start: "2026-11-01T10:00:00Z")
        reached.turn("花呗用不了", intent: "freeze_overview", step: "diagnose.ask_overdue")
        reached.turn("有", intent: "affirm", replyKey: "overdue", step: "overdue.repaid")
        var restarted = TurnScript(chat: "2", start: "2026-11-01T10:00:00Z")
        restarted.turn("花呗用不了", intent: "freeze_overview", step: "diagnose.ask_overdue")
        restarted.turn("花呗还是用不了", intent: "freeze_overview", step: "diagnose.ask_overdue")
        restarted.turn("没有", intent: "deny", replyKey: "diagnose.ask_cash_out", step: "diagnose.ask_cash_out")
        restarted.turn("没有", intent: "deny", replyKey: "diagnose.no_cause")
        var withdrawn = TurnScript(chat: "3", start: "2026-11-01T10:00:00Z")
        withdrawn.turn("花呗用不了", intent: "freeze_overview", step: "diagnose.ask_overdue")
        withdrawn.turn("有", intent: "affirm", replyKey: "overdue", step: "overdue.repaid")
        withdrawn.turn("不是这个原因", intent: "deny", replyKey: "overdue.repaid.deny", step: "diagnose.ask_cash_out")
        withdrawn.turn("对", intent: "affirm", replyKey: "cash_out", step: "idle")
        withdrawn.turn("芝麻分也掉了", intent: "overdue", step: "overdue.repaid")  // a new subject after the flow ended on cash_out
        let flows = report(reached.records + restarted.records + withdrawn.records).diagnosis
        #expect(flows.started == 4)
        #expect(flows.causes.map { "\($0.name) \($0.count)" } == ["cash_out 1", "overdue 1"])
        #expect(flows.noCause == 1)
        #expect(flows.abandoned == 1)
    }

    @Test("distinct chats count the channel: the same id on two channels is two chats")
    func chatsByChannel() {
        var telegram = TurnScript(chat: "7", start: "2026-11-01T10:00:00Z")
        telegram.turn("你好", intent: "greeting")
        var local = TurnScript(chat: "7", start: "2026-11-01T10:00:00Z")
        local.channel = "local"
        local.turn("你好", intent: "greeting")
        local.turn("你好", intent: "greeting")
        let figures = report(telegram.records + local.records)
        #expect(figures.totals.chats == 2)
        #expect(figures.days.first?.chats == 2)
    }
}
