import TurnLog

/// The report for a terminal: at most `width` columns (100 by default), Chinese aligned by display width,
/// users' messages stripped of control characters.
public struct ReportTextFormatter: Sendable {
    /// The widest line, in columns.
    public var width: Int

    public init(width: Int = 100) {
        self.width = max(60, width)
    }

    public func format(_ report: OperatorReport) -> String {
        var lines: [String] = []
        header(report, into: &lines)
        days(report, into: &lines)
        intents(report, into: &lines)
        understanding(report, into: &lines)
        diagnosis(report, into: &lines)
        followUps(report, into: &lines)
        latency(report, into: &lines)
        groups(report, into: &lines)
        return lines.map { TerminalText.truncated($0, to: width) }.joined(separator: "\n") + "\n"
    }

    private typealias T = TerminalText

    private func header(_ report: OperatorReport, into lines: inout [String]) {
        let period = report.period.first.map { first in
            "\(first) – \(report.period.last.map(String.init(describing:)) ?? "\(first)")"
        } ?? "no turns"
        lines.append("HuabeiBot turn log report · \(period) (\(report.period.timeZone))")
        let understood = report.understanding
        lines.append(
            "\(T.grouped(report.totals.turns)) turns · \(T.grouped(report.totals.chats)) chats · "
                + "\(T.grouped(understood.notUnderstood)) not understood (\(T.percent(understood.notUnderstoodRate))) · "
                + "latency p50 \(T.milliseconds(Double(report.latency.p50))), p99 \(T.milliseconds(Double(report.latency.p99)))"
        )
        let reading = report.reading
        var read = "read \(reading.files) file\(reading.files == 1 ? "" : "s"), \(T.grouped(reading.lines)) lines: "
            + "\(T.grouped(reading.damagedLines)) damaged line\(reading.damagedLines == 1 ? "" : "s") skipped"
        if reading.outsidePeriod > 0 { read += " · \(T.grouped(reading.outsidePeriod)) outside the period" }
        if reading.versions.count > 1 || reading.versions.contains(where: { $0.name != "v1" }) {
            read += " · versions " + reading.versions.map { "\($0.name) \(T.grouped($0.count))" }.joined(separator: ", ")
        }
        lines.append(read)
        for sample in reading.damagedLineSamples { lines.append("  damaged: " + T.safe(sample)) }
        for file in reading.damagedFiles { lines.append("  file: " + T.safe(file)) }
    }

    private func days(_ report: OperatorReport, into lines: inout [String]) {
        guard !report.days.isEmpty else { return }
        lines.append("")
        lines.append(T.padded("Per day", to: 12) + T.padded("turns", to: 10, alignRight: true) + T.padded("chats", to: 9, alignRight: true)
            + T.padded("not understood", to: 21, alignRight: true))
        let most = report.days.map(\.turns).max() ?? 0
        let barWidth = width - 56
        for day in report.days {
            let rate = day.turns == 0 ? 0 : Double(day.notUnderstood) / Double(day.turns)
            lines.append(T.padded(day.day.description, to: 12) + T.padded(T.grouped(day.turns), to: 10, alignRight: true)
                + T.padded(T.grouped(day.chats), to: 9, alignRight: true) + T.padded(T.grouped(day.notUnderstood), to: 13, alignRight: true)
                + T.padded(T.percent(rate), to: 8, alignRight: true) + "  " + T.bar(day.turns, of: most, width: barWidth))
        }
    }

    private func intents(_ report: OperatorReport, into lines: inout [String]) {
        guard !report.intents.isEmpty else { return }
        lines.append("")
        lines.append(T.padded("Intent", to: 40) + T.padded("turns", to: 10, alignRight: true) + T.padded("share", to: 8, alignRight: true))
        let most = report.intents.map(\.turns).max() ?? 0
        for intent in report.intents {
            let name = T.padded(T.safe(intent.intent), to: 19) + " " + T.padded(T.safe(intent.title ?? ""), to: 20)
            lines.append(name + T.padded(T.grouped(intent.turns), to: 10, alignRight: true)
                + T.padded(T.percent(intent.share), to: 8, alignRight: true) + "  " + T.bar(intent.turns, of: most, width: width - 62))
        }
    }

    private func understanding(_ report: OperatorReport, into lines: inout [String]) {
        let figures = report.understanding
        lines.append("")
        lines.append("Not understood")
        let reasons = figures.outOfScopeReasons.map { "\(T.safe($0.name)) \(T.grouped($0.count))" }.joined(separator: " · ")
        lines.append("  " + T.padded("out_of_scope decision", to: 30) + T.padded(T.grouped(figures.outOfScope), to: 10, alignRight: true)
            + T.padded(T.percent(figures.outOfScopeRate), to: 8, alignRight: true) + (reasons.isEmpty ? "" : "   " + reasons))
        lines.append("  " + T.padded("confidence under \(figures.confidenceThreshold)", to: 30)
            + T.padded(T.grouped(figures.lowConfidence), to: 10, alignRight: true)
            + T.padded(T.percent(figures.lowConfidenceRate), to: 8, alignRight: true))
        lines.append("  " + T.padded("either (not understood)", to: 30) + T.padded(T.grouped(figures.notUnderstood), to: 10, alignRight: true)
            + T.padded(T.percent(figures.notUnderstoodRate), to: 8, alignRight: true))
        guard figures.dialogueDecisions > 0 else { return }
        let kinds = figures.dialogueDecisionKinds.map { "\(T.safe($0.name)) \(T.grouped($0.count))" }.joined(separator: " · ")
        lines.append("  " + T.padded("decided by the dialogue", to: 30)
            + T.padded(T.grouped(figures.dialogueDecisions), to: 10, alignRight: true)
            + T.padded(T.percent(figures.dialogueDecisionRate), to: 8, alignRight: true) + "   commands, menu, topic questions")
        lines.append("    " + kinds)
    }

    private func diagnosis(_ report: OperatorReport, into lines: inout [String]) {
        let flows = report.diagnosis
        lines.append("")
        let reachedShare = flows.started == 0 ? "" : " (\(T.percent(Double(flows.reachedCause) / Double(flows.started))))"
        lines.append("Diagnosis flows: \(T.grouped(flows.started)) started · \(T.grouped(flows.reachedCause)) reached a cause\(reachedShare) · "
            + "\(T.grouped(flows.noCause)) no cause · \(T.grouped(flows.abandoned)) abandoned")
        let most = flows.causes.map(\.count).max() ?? 0
        for cause in flows.causes {
            let title = report.intents.first { $0.intent == cause.name }?.title ?? ""
            lines.append("  " + T.padded(T.safe(cause.name), to: 19) + " " + T.padded(T.safe(title), to: 20)
                + T.padded(T.grouped(cause.count), to: 8, alignRight: true) + "  " + T.bar(cause.count, of: most, width: width - 54))
        }
    }

    private func followUps(_ report: OperatorReport, into lines: inout [String]) {
        guard !report.followUps.isEmpty else { return }
        lines.append("")
        lines.append(T.padded("Follow-up answers", to: 40) + ["yes", "no", "unclear", "other"].map { T.padded($0, to: 9, alignRight: true) }.joined())
        for question in report.followUps {
            lines.append("  " + T.padded(T.safe(question.question), to: 38)
                + [question.yes, question.no, question.unclear, question.other].map { T.padded(T.grouped($0), to: 9, alignRight: true) }.joined())
        }
    }

    private func latency(_ report: OperatorReport, into lines: inout [String]) {
        let latency = report.latency
        lines.append("")
        lines.append("Latency over \(T.grouped(latency.count)) turns: p50 \(T.milliseconds(Double(latency.p50))) · "
            + "p95 \(T.milliseconds(Double(latency.p95))) · p99 \(T.milliseconds(Double(latency.p99))) · "
            + "mean \(T.milliseconds(latency.mean)) · max \(T.milliseconds(Double(latency.max)))")
    }

    private func groups(_ report: OperatorReport, into lines: inout [String]) {
        lines.append("")
        lines.append("Most frequent messages not understood (\(T.grouped(report.understanding.notUnderstood)) in "
            + "\(T.grouped(report.notUnderstoodGroupCount)) groups of near-duplicates)")
        guard !report.notUnderstoodGroups.isEmpty else {
            lines.append("  none")
            return
        }
        lines.append(T.padded("#", to: 4, alignRight: true) + T.padded("count", to: 8, alignRight: true) + T.padded("share", to: 8, alignRight: true)
            + T.padded("forms", to: 7, alignRight: true) + "  message")
        let textWidth = width - 29
        for (index, group) in report.notUnderstoodGroups.enumerated() {
            lines.append(T.padded("\(index + 1)", to: 4, alignRight: true) + T.padded(T.grouped(group.count), to: 8, alignRight: true)
                + T.padded(T.percent(group.share), to: 8, alignRight: true) + T.padded("\(group.variantCount)", to: 7, alignRight: true)
                + "  " + T.truncated(T.safe(group.text), to: textWidth))
            let others = group.variants.dropFirst().prefix(3).map { "\(T.safe($0.name)) (\($0.count))" }
            if !others.isEmpty {
                lines.append(String(repeating: " ", count: 29) + T.truncated("also: " + others.joined(separator: " · "), to: textWidth))
            }
        }
    }
}
