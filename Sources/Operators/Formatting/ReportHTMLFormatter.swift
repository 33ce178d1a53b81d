import Foundation
import TurnLog

/// The report as one self-contained HTML page to open or share: inline CSS and inline SVG charts, no
/// script, no font or anything else fetched. Every text from the logs is escaped. The page is also
/// well-formed XML, so tests can parse it with any XML parser.
public struct ReportHTMLFormatter: Sendable {
    public init() {}

    private typealias H = HTMLText
    private typealias T = TerminalText

    public func format(_ report: OperatorReport) -> String {
        let period = report.period.first.map { first in
            first == report.period.last ? "\(first)" : "\(first) – \(report.period.last.map(String.init(describing:)) ?? "")"
        } ?? "no turns"
        var page = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>HuabeiBot report \(H.escaped(period))</title>
        <style>
        \(ReportHTMLStyle.css)
        </style>
        </head>
        <body>
        <header>
        <h1>HuabeiBot turn log report</h1>
        <p class="meta">\(H.escaped(period)) (days in \(H.escaped(report.period.timeZone))) · generated \(H.escaped(Self.timestamp(report)))</p>
        </header>

        """
        page += summary(report)
        page += days(report)
        page += intents(report)
        page += understanding(report)
        page += diagnosis(report)
        page += followUps(report)
        page += latency(report)
        page += groups(report)
        page += reading(report)
        page += "</body>\n</html>\n"
        return page
    }

    private static func timestamp(_ report: OperatorReport) -> String {
        let seconds = Int64(report.generatedAt.timeIntervalSince1970.rounded(.down))
        let day = LogDay(daysSinceEpoch: Int((seconds - ((seconds % 86_400) + 86_400) % 86_400) / 86_400))
        let secondOfDay = ((seconds % 86_400) + 86_400) % 86_400
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(day) \(two(secondOfDay / 3600)):\(two(secondOfDay % 3600 / 60)) UTC"
    }

    private func card(_ value: String, _ label: String, id: String) -> String {
        "<div class=\"card\" id=\"\(id)\"><div class=\"value\">\(H.escaped(value))</div><div class=\"label\">\(H.escaped(label))</div></div>\n"
    }

    private func summary(_ report: OperatorReport) -> String {
        var html = "<section id=\"summary\">\n<div class=\"cards\">\n"
        html += card(T.grouped(report.totals.turns), "turns", id: "card-turns")
        html += card(T.grouped(report.totals.chats), "distinct chats", id: "card-chats")
        html += card(T.percent(report.understanding.notUnderstoodRate),
                     "not understood (\(T.grouped(report.understanding.notUnderstood)))", id: "card-not-understood")
        html += card(T.milliseconds(Double(report.latency.p50)), "latency p50 · p95 \(T.milliseconds(Double(report.latency.p95))) · p99 "
            + T.milliseconds(Double(report.latency.p99)), id: "card-latency")
        let flows = report.diagnosis
        html += card("\(T.grouped(flows.reachedCause)) / \(T.grouped(flows.started))", "diagnosis flows that reached a cause", id: "card-diagnosis")
        html += card(T.grouped(report.reading.damagedLines), "damaged lines skipped", id: "card-damaged")
        return html + "</div>\n</section>\n"
    }

    private func days(_ report: OperatorReport) -> String {
        guard !report.days.isEmpty else { return "" }
        var html = "<section id=\"days\">\n<h2>Turns per day</h2>\n"
        html += "<p class=\"legend note\"><span class=\"value\"></span>turns<span class=\"part\"></span>not understood</p>\n"
        html += SVGChart.columns(report.days.map { day in
            SVGChart.Bar(label: String(day.day.description.dropFirst(5)), value: Double(day.turns), part: Double(day.notUnderstood),
                         title: "\(day.day): \(T.grouped(day.turns)) turns, \(T.grouped(day.chats)) chats, \(T.grouped(day.notUnderstood)) not understood")
        }, label: "Turns per day, not understood highlighted") + "\n"
        html += "<table>\n<thead><tr><th>day</th><th class=\"number\">turns</th><th class=\"number\">chats</th>"
            + "<th class=\"number\">not understood</th><th class=\"number\">rate</th></tr></thead>\n<tbody>\n"
        for day in report.days {
            let rate = day.turns == 0 ? 0 : Double(day.notUnderstood) / Double(day.turns)
            html += "<tr><td>\(day.day)</td><td class=\"number\">\(T.grouped(day.turns))</td><td class=\"number\">\(T.grouped(day.chats))</td>"
                + "<td class=\"number\">\(T.grouped(day.notUnderstood))</td><td class=\"number\">\(T.percent(rate))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    private func intents(_ report: OperatorReport) -> String {
        guard !report.intents.isEmpty else { return "" }
        var html = "<section id=\"intents\">\n<h2>Intents</h2>\n<p class=\"note\">The classifier's decision per turn, as logged.</p>\n"
        html += SVGChart.rows(report.intents.map { intent in
            let label = intent.title.map { "\(intent.intent) · \($0)" } ?? intent.intent
            return SVGChart.Bar(label: label, value: Double(intent.turns), part: nil,
                                title: "\(intent.intent): \(T.grouped(intent.turns)) turns (\(T.percent(intent.share)))")
        }, label: "Share of each intent") { bar in
            let share = report.totals.turns == 0 ? 0 : bar.value / Double(report.totals.turns)
            return "\(T.grouped(Int(bar.value))) · \(T.percent(share))"
        }
        return html + "\n</section>\n"
    }

    private func understanding(_ report: OperatorReport) -> String {
        let figures = report.understanding
        func row(_ name: String, _ count: Int, _ rate: Double, _ note: String = "") -> String {
            "<tr><td>\(H.escaped(name))</td><td class=\"number\">\(T.grouped(count))</td><td class=\"number\">\(T.percent(rate))</td>"
                + "<td>\(H.escaped(note))</td></tr>\n"
        }
        var html = "<section id=\"understanding\">\n<h2>Not understood</h2>\n<table>\n"
        html += "<thead><tr><th></th><th class=\"number\">turns</th><th class=\"number\">rate</th><th></th></tr></thead>\n<tbody>\n"
        html += row("out_of_scope decision", figures.outOfScope, figures.outOfScopeRate,
                    figures.outOfScopeReasons.map { "\($0.name) \(T.grouped($0.count))" }.joined(separator: " · "))
        html += row("confidence under \(figures.confidenceThreshold)", figures.lowConfidence, figures.lowConfidenceRate)
        html += row("either: not understood", figures.notUnderstood, figures.notUnderstoodRate)
        if figures.dialogueDecisions > 0 {
            html += row("commands, menu requests, topic questions (understood)", figures.dialogueDecisions, figures.dialogueDecisionRate,
                        figures.dialogueDecisionKinds.map { "\($0.name) \(T.grouped($0.count))" }.joined(separator: " · "))
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    private func diagnosis(_ report: OperatorReport) -> String {
        let flows = report.diagnosis
        var html = "<section id=\"diagnosis\">\n<h2>Diagnosis flows</h2>\n"
        html += "<p>\(T.grouped(flows.started)) started · \(T.grouped(flows.reachedCause)) reached a cause · \(T.grouped(flows.noCause)) "
            + "ruled out every cause · \(T.grouped(flows.abandoned)) abandoned</p>\n"
        if !flows.causes.isEmpty {
            let titles = Dictionary(report.intents.compactMap { intent in intent.title.map { (intent.intent, $0) } }, uniquingKeysWith: { first, _ in first })
            html += SVGChart.rows(flows.causes.map { cause in
                let label = titles[cause.name].map { "\(cause.name) · \($0)" } ?? cause.name
                return SVGChart.Bar(label: label, value: Double(cause.count), part: nil, title: "\(cause.name): \(T.grouped(cause.count)) flows")
            }, label: "Causes the diagnosis flows reached") { T.grouped(Int($0.value)) } + "\n"
        }
        return html + "</section>\n"
    }

    private func followUps(_ report: OperatorReport) -> String {
        guard !report.followUps.isEmpty else { return "" }
        var html = "<section id=\"followups\">\n<h2>Follow-up answers</h2>\n<table>\n<thead><tr><th>question</th>"
            + ["yes", "no", "unclear", "other"].map { "<th class=\"number\">\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for question in report.followUps {
            html += "<tr><td><code>\(H.escaped(question.question))</code></td>"
                + [question.yes, question.no, question.unclear, question.other].map { "<td class=\"number\">\(T.grouped($0))</td>" }.joined()
                + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    private func latency(_ report: OperatorReport) -> String {
        let latency = report.latency
        var html = "<section id=\"latency\">\n<h2>Latency</h2>\n"
        html += "<p>p50 <strong>\(T.milliseconds(Double(latency.p50)))</strong> · p95 <strong>\(T.milliseconds(Double(latency.p95)))</strong> · "
            + "p99 <strong>\(T.milliseconds(Double(latency.p99)))</strong> · mean \(T.milliseconds(latency.mean)) · "
            + "max \(T.milliseconds(Double(latency.max))) · over \(T.grouped(latency.count)) turns</p>\n"
        var lower: Int64 = 0
        html += SVGChart.columns(latency.histogram.map { bucket in
            defer { lower = bucket.below ?? lower }
            let label = bucket.below.map { "<\(Self.shortDuration($0))" } ?? "≥\(Self.shortDuration(lower))"
            return SVGChart.Bar(label: label, value: Double(bucket.count), part: nil, title: "\(label): \(T.grouped(bucket.count)) turns")
        }, label: "Turns per latency range", height: 180) + "\n"
        return html + "</section>\n"
    }

    private static func shortDuration(_ microseconds: Int64) -> String {
        microseconds >= 1_000_000 ? "\(microseconds / 1_000_000) s" : "\(microseconds / 1000) ms"
    }

    private func groups(_ report: OperatorReport) -> String {
        var html = "<section id=\"messages\">\n<h2>Most frequent messages not understood</h2>\n"
        html += "<p class=\"note\">\(T.grouped(report.understanding.notUnderstood)) messages in \(T.grouped(report.notUnderstoodGroupCount)) "
            + "groups; near-duplicates (small edits, punctuation, width, traditional characters) count together. "
            + "Teach the bot with <code>huabei-bot review</code>.</p>\n"
        guard !report.notUnderstoodGroups.isEmpty else { return html + "<p>None.</p>\n</section>\n" }
        html += "<table>\n<thead><tr><th class=\"number\">#</th><th class=\"number\">count</th><th class=\"number\">share</th>"
            + "<th>message</th><th>bot's guess</th></tr></thead>\n<tbody>\n"
        for (index, group) in report.notUnderstoodGroups.enumerated() {
            let variants = group.variants.dropFirst().map { "\(H.escaped($0.name)) (\(T.grouped($0.count)))" }
            let more = group.variantCount - group.variants.count
            var cell = "<div class=\"text\">\(H.escaped(group.text))</div>"
            if !variants.isEmpty {
                cell += "<div class=\"variants\">also: \(variants.joined(separator: " · "))\(more > 0 ? " and \(more) more" : "")</div>"
            }
            let guesses = group.guesses.prefix(3).map { "\(H.escaped($0.name)) \(T.grouped($0.count))" }.joined(separator: " · ")
            html += "<tr class=\"group\"><td class=\"number\">\(index + 1)</td><td class=\"number\">\(T.grouped(group.count))</td>"
                + "<td class=\"number\">\(T.percent(group.share))</td><td class=\"message\">\(cell)</td><td>\(guesses)</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    private func reading(_ report: OperatorReport) -> String {
        let reading = report.reading
        var html = "<section id=\"reading\">\n<h2>Logs read</h2>\n"
        html += "<p>\(reading.files) files · \(T.grouped(reading.lines)) lines · \(T.grouped(reading.records)) records · "
            + "<span id=\"damaged\">\(T.grouped(reading.damagedLines)) damaged line\(reading.damagedLines == 1 ? "" : "s") skipped</span>"
        if reading.outsidePeriod > 0 { html += " · \(T.grouped(reading.outsidePeriod)) outside the period" }
        html += " · " + reading.versions.map { "\($0.name): \(T.grouped($0.count))" }.joined(separator: ", ") + "</p>\n"
        let problems = reading.damagedLineSamples + reading.damagedFiles
        if !problems.isEmpty {
            html += "<ul class=\"note\">\n" + problems.map { "<li><code>\(H.escaped($0))</code></li>\n" }.joined() + "</ul>\n"
        }
        return html + "</section>\n"
    }
}
