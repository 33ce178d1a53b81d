import BotConfig
import Dialogue
import Foundation
import SharedTestSupport
import Testing

@Suite("Intent catalog loading and validation")
struct CatalogLoaderTests {
    /// A copy of the real Intents/ in a temporary folder, to break on purpose.
    struct Scratch {
        let directory: String

        init() throws {
            directory = ScratchDirectory.path("intents")
            try FileManager.default.copyItem(atPath: TestCatalog.intentsDirectory, toPath: directory)
        }

        func write(_ name: String, _ text: String) throws {
            try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
        }

        func errors() -> [String] {
            do {
                _ = try IntentCatalogLoader(directory: directory).load()
                return []
            } catch {
                return error.errors.map(\.description)
            }
        }
    }

    static let minimal = """
        id: greeting
        title: 打招呼
        category: smalltalk
        examples:
          - 你好呀
        reply: 您好！
        """

    @Test("the repository's Intents/ loads with every required intent and follow-up")
    func realCatalog() {
        let catalog = TestCatalog.catalog
        let ids = Set(catalog.intents.map(\.id))
        for id in ["freeze_overview", "overdue", "cash_out", "credit_score", "low_activity", "account_security", "maintenance",
                   "contact_support", "greeting", "thanks", "goodbye", "affirm", "deny", "out_of_scope"] {
            #expect(ids.contains(id), "missing \(id)")
        }
        for cause in TestCatalog.causes {
            let intent = catalog.intent(cause)
            #expect(intent?.examples.count ?? 0 >= 60)
            #expect(intent?.probe != nil)
            #expect(intent?.followUps.isEmpty == false)
        }
        #expect(catalog.intent("freeze_overview")?.examples.count ?? 0 >= 60)
        #expect(catalog.intent("out_of_scope")?.examples.count ?? 0 >= 300)
        #expect(catalog.overview?.diagnosis?.causes == TestCatalog.causes)
    }

    @Test("a YAML syntax error names the file and line")
    func syntaxError() throws {
        let scratch = try Scratch()
        try scratch.write("greeting.yaml", "id: greeting\ntitle: 打招呼\nexamples:\n  - 你好\n  - [unclosed\nreply: hi\n")
        let errors = scratch.errors()
        #expect(errors.count == 1)
        #expect(errors.first?.contains("greeting.yaml:") == true)
        #expect(errors.first?.contains("invalid YAML") == true)
    }

    @Test("missing fields, unknown keys and categories are reported with their lines")
    func schemaErrors() throws {
        let scratch = try Scratch()
        try scratch.write("greeting.yaml", "id: greeting\ntitle: 打招呼\ncategory: chitchat\nexample:\n  - 你好\n")
        let errors = scratch.errors().joined(separator: "\n")
        #expect(errors.contains("greeting.yaml:3: unknown category 'chitchat'"))
        #expect(errors.contains("greeting.yaml:4: unknown key 'example'"))
        #expect(errors.contains("missing 'reply'"))
        #expect(errors.contains("missing 'examples'"))
    }

    @Test("an empty reply is refused")
    func emptyReply() throws {
        let scratch = try Scratch()
        try scratch.write("greeting.yaml", Self.minimal.replacingOccurrences(of: "reply: 您好！", with: "reply: \"  \""))
        #expect(scratch.errors().contains { $0.hasSuffix("greeting.yaml:6: 'reply' is empty") })
    }

    @Test("duplicate examples within a file and across intents are refused")
    func duplicates() throws {
        let scratch = try Scratch()
        try scratch.write("greeting.yaml", """
            id: greeting
            title: 打招呼
            category: smalltalk
            examples:
              - 你好呀
              - 你好呀
              - 谢谢
            reply: 您好！
            """)
        let errors = scratch.errors().joined(separator: "\n")
        #expect(errors.contains("greeting.yaml:6: duplicate example '你好呀' (first at line 5)"))
        #expect(errors.contains("thanks.yaml:8: example '谢谢' is also in greeting.yaml:7"))
        #expect(errors.contains("thanks.yaml:34: example '謝謝' reads the same as greeting.yaml:7 after normalisation"))
    }

    @Test("a follow-up that jumps to an unknown target is refused")
    func unknownTarget() throws {
        let scratch = try Scratch()
        let path = scratch.directory + "/maintenance.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try scratch.write("maintenance.yaml", text.replacingOccurrences(of: "goto: contact_support", with: "goto: call_the_boss"))
        #expect(scratch.errors().contains { $0.contains("maintenance.yaml:") && $0.contains("goes to 'call_the_boss'") })
    }

    @Test("the id must match the file name and a cause needs a probe")
    func idAndProbe() throws {
        let scratch = try Scratch()
        try scratch.write("hello.yaml", Self.minimal.replacingOccurrences(of: "category: smalltalk", with: "category: cause"))
        let errors = scratch.errors().joined(separator: "\n")
        #expect(errors.contains("hello.yaml:1: id 'greeting' does not match the file name"))
        #expect(errors.contains("a cause needs a 'probe'"))
    }

    @Test("rule-out words belong to causes only")
    func ruleOutWordsOnCausesOnly() throws {
        let scratch = try Scratch()
        try scratch.write("greeting.yaml", Self.minimal.replacingOccurrences(of: "examples:", with: "rule_out_words: [你好]\nexamples:"))
        #expect(scratch.errors().contains { $0.hasSuffix("greeting.yaml:4: 'rule_out_words' is only for intents of category cause") })
        #expect(TestCatalog.catalog.intent("overdue")?.ruleOutWords.contains("逾期") == true)
    }

    @Test("a missing intents folder or responses file is a clear error")
    func missingFiles() throws {
        #expect(throws: DataFileErrors.self) { try IntentCatalogLoader(directory: "/nonexistent/intents").load() }
        let scratch = try Scratch()
        try FileManager.default.removeItem(atPath: scratch.directory + "/_responses.yaml")
        #expect(scratch.errors().contains { $0.contains("_responses.yaml: cannot read the file (no such file)") })
    }
}
