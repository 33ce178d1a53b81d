import BotConfig
import Classifier
import Dialogue
import Foundation
import LineEditor
import Operators
import SharedTestSupport
import Testing
import TurnLog

/// The review round trip on a copy of Intents/: examples appended, the catalog checked, decisions
/// remembered, a bad append rolled back.
@Suite("Review")
struct ReviewTests {
    /// A data folder with a log of not-understood messages in three families, and a copy of Intents/.
    struct Setup {
        let folder: TemporaryFolder
        let intents: String
        let catalog: IntentCatalog
        let settings: ReportSettings

        init(messages: [(String, Int)] = [("花呗逾期三天了现在还能不能用啊", 5), ("花呗逾期三天了现在还能不能用", 2), ("余额宝的收益怎么突然变少了", 4),
                                           ("帮我写一首关于春天的诗吧", 3), ("花呗怎么还款", 1)]) throws {
            folder = try TemporaryFolder()
            intents = try folder.copyOfIntents()
            catalog = try IntentCatalogLoader(directory: intents).load()
            var script = TurnScript(chat: "9", start: "2026-11-01T10:00:00Z")
            for (text, count) in messages {
                for _ in 0..<count {
                    script.turn(text, intent: "out_of_scope", confidence: 0.3, decision: "out_of_scope:low_confidence", replyKey: "out_of_scope", step: "menu")
                }
            }
            script.turn("花呗用不了了", intent: "freeze_overview", step: "diagnose.ask_overdue")  // understood: not in the queue
            try folder.writeLog("turns-2026-11-01.jsonl", script.records)
            var settings = ReportSettings(configuration: BotConfiguration(), catalog: catalog)
            settings.timeZone = .utc
            self.settings = settings
        }

        var store: ReviewDecisionStore { ReviewDecisionStore(dataDirectory: folder.path) }

        func queue() throws -> ReviewQueue {
            try ReviewQueue(dataDirectory: folder.path, settings: settings, decisions: try store.load(), catalog: try IntentCatalogLoader(directory: intents).load())
        }

        func session(_ items: [ReviewItem], output: OutputBuffer) -> ReviewSession {
            let keyMap = ReviewKeyMap(intents: catalog.intents.map { ($0.id, $0.title) }, outOfScopeIntent: IntentCatalog.outOfScope)
            var session = ReviewSession(
                items: items, keyMap: keyMap, appender: ExampleAppender(directory: intents), store: store, classifier: nil,
                write: { output.text += $0 }
            )
            session.now = { Date(timeIntervalSince1970: 1_795_296_800) }
            return session
        }

        func file(_ intent: String) throws -> String {
            try String(contentsOfFile: (intents as NSString).appendingPathComponent("\(intent).yaml"), encoding: .utf8)
        }
    }

    final class OutputBuffer {
        var text = ""
    }

    @Test("the queue holds the not-understood groups, most frequent first, without what Intents/ already has")
    func queue() throws {
        let setup = try Setup()
        let queue = try setup.queue()
        #expect(queue.items.map(\.text) == ["花呗逾期三天了现在还能不能用啊", "余额宝的收益怎么突然变少了", "帮我写一首关于春天的诗吧"])
        #expect(queue.items.map(\.count) == [7, 4, 3])
        #expect(queue.items.first?.messages.map(\.text) == ["花呗逾期三天了现在还能不能用啊", "花呗逾期三天了现在还能不能用"])
        #expect(queue.alreadyKnown == 1)  // 花呗怎么还款 is an out_of_scope example already
        #expect(queue.items.first?.loggedDecision == "out_of_scope:low_confidence")
    }

    @Test("round trip: examples appended in place, intents still load, decisions remembered, nothing asked twice")
    func roundTrip() throws {
        let setup = try Setup()
        let overdueBefore = try setup.file("overdue")
        let outOfScopeBefore = try setup.file("out_of_scope")
        let keyMap = ReviewKeyMap(intents: setup.catalog.intents.map { ($0.id, $0.title) }, outOfScopeIntent: IntentCatalog.outOfScope)
        let overdueKey = try #require(keyMap.key(of: "overdue"))
        let output = OutputBuffer()
        var input = LineReviewInput(lines: ["z9", String(overdueKey), "o", "# a comment line", "s"])
        let summary = try setup.session(try setup.queue().items, output: output).run(input: &input)

        #expect(summary.added.map(\.intent) == ["overdue", "out_of_scope"])
        #expect(summary.skipped == 1)
        #expect(summary.remaining == 0)
        #expect(output.text.contains("z9: no such key"))
        #expect(output.text.contains("intents check: ok"))

        // Exactly one line more in each file, right after the last example; comments untouched.
        let overdueAfter = try setup.file("overdue")
        let before = overdueBefore.components(separatedBy: "\n")
        let after = overdueAfter.components(separatedBy: "\n")
        #expect(after.count == before.count + 1)
        let inserted = try #require(after.firstIndex(of: "  - 花呗逾期三天了现在还能不能用啊"))
        #expect(Array(after[..<inserted]) + Array(after[(inserted + 1)...]) == before)
        #expect(before[inserted - 1].hasPrefix("  - "))
        #expect(!before[inserted].hasPrefix("  - "))
        #expect(overdueAfter.hasPrefix(overdueBefore.prefix { $0 != "\n" }))
        #expect(try setup.file("out_of_scope").components(separatedBy: "\n").count == outOfScopeBefore.components(separatedBy: "\n").count + 1)

        let catalog = try IntentCatalogLoader(directory: setup.intents).load()
        #expect(catalog.intent("overdue")?.examples.contains { $0.text == "花呗逾期三天了现在还能不能用啊" } == true)
        #expect(catalog.intent("out_of_scope")?.examples.contains { $0.text == "余额宝的收益怎么突然变少了" } == true)

        // Remembered: the store has the three decisions, and the queue is empty next time.
        let decisions = try setup.store.load()
        #expect(decisions.map(\.kind) == [.intent, .outOfScope, .skip])
        #expect(decisions.first?.texts == ["花呗逾期三天了现在还能不能用啊", "花呗逾期三天了现在还能不能用"])
        #expect(try setup.queue().items.isEmpty)
    }

    @Test("a new spelling of a decided message is not asked again; a new message is")
    func newMessagesAfterADecision() throws {
        let setup = try Setup()
        var input = LineReviewInput(lines: ["s", "s", "s"])
        _ = try setup.session(try setup.queue().items, output: OutputBuffer()).run(input: &input)
        var script = TurnScript(chat: "10", start: "2026-11-02T10:00:00Z")
        for text in ["帮我写一首关于春天的诗吧！", "帮我写一首關於春天的詩吧", "今天股市为什么大跌了"] {
            script.turn(text, intent: "out_of_scope", confidence: 0.8, decision: "out_of_scope:predicted", replyKey: "out_of_scope", step: "menu")
        }
        try setup.folder.writeLog("turns-2026-11-02.jsonl", script.records)
        #expect(try setup.queue().items.map(\.text) == ["今天股市为什么大跌了"])
    }

    @Test("an example the catalog refuses (already another intent's) is rolled back, the file restored byte for byte, and asked again")
    func rollback() throws {
        let setup = try Setup(messages: [("花呗被冻结了", 2)])  // an example of freeze_overview already
        var items = try setup.queue().items
        #expect(items.isEmpty)  // already known: the queue leaves it out
        items = [ReviewItem(text: "花呗被冻结了", count: 2, messages: [("花呗被冻结了", 2)], keys: ["花呗被冻结了"], loggedIntent: "out_of_scope",
                            loggedDecision: "out_of_scope:low_confidence", loggedConfidence: 0.3, loggedRunnerUp: nil)]
        let before = try Data(contentsOf: URL(fileURLWithPath: (setup.intents as NSString).appendingPathComponent("overdue.yaml")))
        let output = OutputBuffer()
        var input = LineReviewInput(lines: ["overdue"])
        let summary = try setup.session(items, output: output).run(input: &input)
        #expect(summary.failed == 1)
        #expect(summary.added.isEmpty)
        #expect(output.text.contains("NOT added"))
        #expect(output.text.contains("overdue.yaml"))
        #expect(output.text.contains("restored"))
        let after = try Data(contentsOf: URL(fileURLWithPath: (setup.intents as NSString).appendingPathComponent("overdue.yaml")))
        #expect(after == before)
        #expect(try IntentCatalogLoader(directory: setup.intents).load().intents.count == setup.catalog.intents.count)
        #expect(try setup.store.load().isEmpty)
    }

    @Test("messages that need quoting are written so the catalog reads them back unchanged")
    func quotedExamples() throws {
        let setup = try Setup()
        let appender = ExampleAppender(directory: setup.intents)
        for text in ["yes please", "- 列表开头", "问题: 为什么", "#话题 花呗", "\"引号开头", "说\"你好\"", "1234", "[phone]是我手机", "off"] {
            let outcome = appender.append(text, to: "out_of_scope")
            guard case .added = outcome else {
                Issue.record("\(text): \(outcome)")
                continue
            }
            #expect(try IntentCatalogLoader(directory: setup.intents).load().intent("out_of_scope")?.examples.last?.text == text)
        }
        #expect(appender.append("x", to: "no_such_intent") == .refused(file: (setup.intents as NSString).appendingPathComponent("no_such_intent.yaml"),
                                                                       reason: "cannot read the file (is 'no_such_intent' an intent?)"))
    }

    @Test("keys: 1-9 then letters, never s, o or q; answers by key or by intent id")
    func keys() {
        let intents = (1...15).map { (id: "intent\($0)", title: "第\($0)") } + [(id: "out_of_scope", title: "其他")]
        let keyMap = ReviewKeyMap(intents: intents, outOfScopeIntent: "out_of_scope")
        #expect(String(keyMap.entries.map(\.key)) == "123456789abcdef")
        #expect(keyMap.action(for: "3") == .assign("intent3"))
        #expect(keyMap.action(for: "intent12") == .assign("intent12"))
        #expect(keyMap.action(for: "o") == .outOfScope)
        #expect(keyMap.action(for: "out_of_scope") == .outOfScope)
        #expect(keyMap.action(for: "s") == .skip)
        #expect(keyMap.action(for: "q") == .quit)
        #expect(keyMap.action(for: "\u{3}") == .quit)
        #expect(keyMap.action(for: "?") == .help)
        #expect(keyMap.action(for: "z") == nil)
        let many = ReviewKeyMap(intents: (1...40).map { (id: "i\($0)", title: "") }, outOfScopeIntent: "out_of_scope")
        #expect(!many.entries.map(\.key).contains { "soq?".contains($0) })
    }

    @Test("single keys from a raw terminal: escape sequences ignored, Ctrl-C quits, the mode restored")
    func terminalKeys() throws {
        let terminal = ScriptedTerminal(reads: [Array("3".utf8), [0x1B, 0x5B, 0x41], Array("\rs".utf8), [0x03]])
        var input = try TerminalReviewInput(terminal: terminal)
        #expect(terminal.rawMode)
        #expect(try input.nextAnswer() == "3")
        #expect(try input.nextAnswer() == "s")
        #expect(try input.nextAnswer() == "q")
        #expect(try input.nextAnswer() == nil)
        input.finish()
        #expect(!terminal.rawMode)
    }

    @Test("cross-validated accuracy is measured on the folder as it is")
    func accuracy() async throws {
        let catalog = try Setup().catalog
        // Training twice takes seconds in a debug build: on the CPU-bound work thread, not the cooperative pool.
        let report = try await CPUBoundWork.run { try CrossValidatedAccuracy.measure(catalog: catalog, configuration: BotConfiguration(), folds: 2) }
        #expect(report.accuracy > 0.5)
        #expect(report.count == catalog.trainingExamples.count)
    }
}

/// A terminal that hands out scripted reads.
final class ScriptedTerminal: TerminalIO {
    private var reads: [[UInt8]]
    private(set) var rawMode = false
    private(set) var written = ""

    init(reads: [[UInt8]]) {
        self.reads = reads
    }

    func enterRawMode() throws { rawMode = true }
    func leaveRawMode() { rawMode = false }
    func readBytes() throws -> [UInt8] { reads.isEmpty ? [] : reads.removeFirst() }
    func write(_ text: String) throws { written += text }
    var columns: Int? { 100 }
}
