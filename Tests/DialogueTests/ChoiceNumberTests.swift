import Testing
@testable import Dialogue

@Suite("ChoiceNumber")
struct ChoiceNumberTests {
    @Test("reads the ways people answer with a number", arguments: [
        ("2", 2), ("２", 2), (" 3 ", 3), ("3.", 3), ("第2个", 2), ("选3", 3), ("4号", 4), ("二", 2), ("六", 6), ("(5)", 5), ("10", 10),
    ])
    func reads(text: String, number: Int) {
        #expect(ChoiceNumber.parse(text) == number)
    }

    @Test("ignores text that is not a bare choice", arguments: ["0", "123", "2个月前逾期了", "花呗", "", "一二"])
    func ignores(text: String) {
        #expect(ChoiceNumber.parse(text) == nil)
    }
}
