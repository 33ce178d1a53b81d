import Foundation
import LineEditor
import Operators
import Testing
import TurnLog
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Report formats")
struct FormattingTests {
    static let hostile = "<script>alert('x')</script><img src=x onerror=\"alert(1)\">&amp;\u{1B}[31m红色\u{7}"
    static let longChinese = String(repeating: "花呗为什么突然用不了", count: 20)

    /// A small report with Chinese titles, a long message and a hostile one.
    static let report: OperatorReport = {
        var records: [TurnLogRecord] = []
        var script = TurnScript(chat: "1", start: "2026-11-01T10:00:00Z")
        script.turn("花呗用不了", intent: "freeze_overview", step: "diagnose.ask_overdue")
        script.turn("有", intent: "affirm", replyKey: "overdue", step: "overdue.repaid")
        script.turn("还清了", intent: "affirm", replyKey: "overdue.repaid.affirm")
        for _ in 0..<3 { script.turn(hostile, intent: "out_of_scope", confidence: 0.8, decision: "out_of_scope:predicted", replyKey: "out_of_scope", step: "menu") }
        script.turn(longChinese, intent: "out_of_scope", confidence: 0.3, decision: "out_of_scope:low_confidence", replyKey: "out_of_scope", step: "menu")
        records += script.records
        var settings = ReportSettings()
        settings.timeZone = .utc
        settings.intentTitles = ["freeze_overview": "花呗被冻结/无法使用", "affirm": "是", "out_of_scope": "其他问题", "overdue": "还款逾期"]
        settings.causes = ["overdue"]
        var analyzer = TurnLogAnalyzer(settings: settings)
        for record in records { analyzer.add(record) }
        var reading = TurnLogReadSummary()
        reading.files = 1
        reading.lines = records.count + 1
        reading.records = records.count
        reading.damagedLines = 1
        reading.damagedLineSamples = [.init(path: "logs/turns-2026-11-01.jsonl", line: 9, reason: "not a turn log record")]
        return analyzer.report(reading: reading, generatedAt: Date(timeIntervalSince1970: 1_795_296_800))
    }()

    @Test("text fits 100 columns, counting a Chinese character as two, at any width asked")
    func textWidth() {
        for width in [100, 80, 60] {
            let text = ReportTextFormatter(width: width).format(Self.report)
            for line in text.split(separator: "\n") {
                #expect(DisplayWidth.of(line) <= width, "\(line)")
            }
        }
        let text = ReportTextFormatter().format(Self.report)
        #expect(text.contains("1 damaged line skipped"))
        #expect(text.contains("花呗为什么突然用不了花呗为什么"))
        #expect(text.contains("…"))
    }

    @Test("text columns line up after Chinese titles")
    func textAlignment() throws {
        let lines = ReportTextFormatter().format(Self.report).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("Intent ") })
        let rows = lines[(start + 1)...].prefix { !$0.isEmpty }
        #expect(rows.count == 3)
        // The share column ends at the same display column on every row, whatever the title's script.
        let ends = rows.map { row -> Int in
            let prefix = row.prefix { $0 != "%" }
            return DisplayWidth.of(prefix)
        }
        #expect(Set(ends).count == 1, "\(rows)")
    }

    @Test("text output carries no terminal control characters from messages")
    func textIsSafe() {
        let text = ReportTextFormatter().format(Self.report)
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\u{7}"))
        #expect(text.contains("<script>"))  // shown as text, harmless in a terminal
    }

    @Test("the HTML page is well-formed, self-contained, and escapes every message")
    func html() throws {
        let html = ReportHTMLFormatter().format(Self.report)
        let parser = XMLParser(data: Data(html.replacingOccurrences(of: "<!DOCTYPE html>", with: "").utf8))
        let delegate = ElementCounter()
        parser.delegate = delegate
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(delegate.elements["script", default: 0] == 0)
        #expect(delegate.elements["img", default: 0] == 0)
        #expect(delegate.elements["link", default: 0] == 0)
        #expect(delegate.elements["svg", default: 0] >= 4)
        #expect(delegate.elements["rect", default: 0] > 0)
        #expect(delegate.texts.joined().contains("<script>alert('x')</script>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;amp;"))
        // Nothing is fetched: the only URL is the SVG namespace.
        let urls = html.components(separatedBy: "http").count - 1
        #expect(urls == html.components(separatedBy: "http://www.w3.org/2000/svg").count - 1)
        #expect(!html.contains("url("))
        #expect(!html.contains("@import"))
        #expect(html.contains("<meta charset=\"utf-8\"/>"))
    }

    @Test("the JSON report decodes back to the same figures, with snake_case keys")
    func json() throws {
        let text = try ReportJSONFormatter().format(Self.report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == [
            "generated_at", "period", "totals", "days", "intents", "understanding", "diagnosis", "follow_ups", "latency",
            "not_understood_group_count", "not_understood_groups", "reading",
        ])
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(OperatorReport.self, from: Data(text.utf8)) == Self.report)
        let understanding = try #require(object["understanding"] as? [String: Any])
        #expect(understanding["not_understood"] as? Int == 4)
    }
}

/// Counts elements and collects text, for the HTML checks.
final class ElementCounter: NSObject, XMLParserDelegate {
    var elements: [String: Int] = [:]
    var texts: [String] = []

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements[name, default: 0] += 1
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        texts.append(string)
    }
}
