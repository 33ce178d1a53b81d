import Testing
@testable import Operators

@Suite("Appending an example to an intent file's text")
struct IntentFileTextTests {
    private func append(_ text: String, _ example: String) throws -> (text: String, line: Int) {
        try IntentFileText(text: text).appending(example)
    }

    @Test("goes after the last item, keeping comments, blank lines and what follows")
    func keepsEverything() throws {
        let file = """
        # overdue: a comment at the top
        id: overdue
        examples:   # the training examples
          - 花呗逾期了还能用吗
          # a comment between items
          - "yes"

          - 借呗逾期了
          # a comment about the reply, after the list
        reply: |
          很抱歉
        """ + "\n"
        let (result, line) = try append(file, "逾期三天会怎样")
        #expect(line == 9)
        #expect(result == """
        # overdue: a comment at the top
        id: overdue
        examples:   # the training examples
          - 花呗逾期了还能用吗
          # a comment between items
          - "yes"

          - 借呗逾期了
          - 逾期三天会怎样
          # a comment about the reply, after the list
        reply: |
          很抱歉
        """ + "\n")
    }

    @Test("follows the list's own indentation, including none")
    func indentation() throws {
        let deep = "id: a\nexamples:\n    - one\n    - two\nreply: x\n"
        #expect(try append(deep, "three").text == "id: a\nexamples:\n    - one\n    - two\n    - three\nreply: x\n")
        let flat = "id: a\nexamples:\n- one\n- two\nreply: x\n"
        #expect(try append(flat, "three").text == "id: a\nexamples:\n- one\n- two\n- three\nreply: x\n")
    }

    @Test("a multi-line item keeps its continuation lines")
    func continuation() throws {
        let file = "examples:\n  - first\n  - a long plain\n    continued item\nreply: x\n"
        #expect(try append(file, "new").text == "examples:\n  - first\n  - a long plain\n    continued item\n  - new\nreply: x\n")
    }

    @Test("keeps CRLF line ends and a missing final line break; the list may end the file")
    func lineEnds() throws {
        #expect(try append("id: a\r\nexamples:\r\n  - one\r\nreply: x\r\n", "two").text == "id: a\r\nexamples:\r\n  - one\r\n  - two\r\nreply: x\r\n")
        #expect(try append("reply: x\nexamples:\n  - one", "two").text == "reply: x\nexamples:\n  - one\n  - two")
        #expect(try append("examples:\nreply: x\n", "one").text == "examples:\n  - one\nreply: x\n")
    }

    @Test("refuses flow lists and files without examples")
    func refuses() {
        #expect(throws: IntentFileText.EditError.notABlockList(line: 2)) { try append("id: a\nexamples: [one, two]\n", "x") }
        #expect(throws: IntentFileText.EditError.noExamplesKey) { try append("id: a\nreply: x\n", "x") }
        #expect(throws: IntentFileText.EditError.noExamplesKey) { try append("id: a\n  examples:\n  - x\n", "x") }
    }

    @Test("quotes a message only when YAML would read it as something else", arguments: [
        ("花呗怎么还款", "花呗怎么还款"), ("yes", "\"yes\""), ("N", "\"N\""), ("123", "\"123\""), ("1.5e3", "\"1.5e3\""),
        ("2026-11-01", "\"2026-11-01\""), ("- 列表", "\"- 列表\""), ("[phone]是我的", "\"[phone]是我的\""), ("a: b", "\"a: b\""),
        ("问题 #2", "\"问题 #2\""), ("#话题", "\"#话题\""), ("说\"你好\"", "说\"你好\""), ("\"引号", "\"\\\"引号\""), (" 空格", "\" 空格\""),
        ("tab\there", "\"tab\\there\""), ("null", "\"null\""), ("~", "\"~\""), ("我手机[phone]", "我手机[phone]"), ("what?", "what?"),
        ("a\\b", "a\\b"), ("零宽\u{200B}空格", "\"零宽\\u200B空格\""), ("*星号", "\"*星号\""), ("结尾冒号:", "\"结尾冒号:\""),
    ])
    func quoting(text: String, rendered: String) {
        #expect(YAMLScalar.render(text) == rendered)
    }
}
