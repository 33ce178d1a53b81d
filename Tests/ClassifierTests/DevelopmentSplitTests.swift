import Classifier
import Testing

@Suite("Development split")
struct DevelopmentSplitTests {
    /// Parts computed independently by the Python rule in `DevelopmentSplit`'s documentation.
    @Test("a text's part depends on the text and the seed only, as the documented Python rule computes it")
    func knownParts() {
        let eleven = DevelopmentSplit(seed: 11)
        let seven = DevelopmentSplit(seed: 7)
        #expect(eleven.part(of: "花呗用不了") == .choose)
        #expect(seven.part(of: "花呗用不了") == .confirm)
        #expect(eleven.part(of: "花呗逾期了") == .confirm)
        #expect(seven.part(of: "花呗逾期了") == .choose)
        #expect(eleven.part(of: "hello") == .choose)
        #expect(eleven.part(of: "  花呗逾期了\r") == .confirm, "spaces around the text do not move it")
    }

    @Test("about 70% of messages go to the choose part, and the two parts cover the set without overlap")
    func proportions() {
        let examples = (0..<2_000).map { TrainingExample(intent: "x", text: "消息\($0)") }
        let split = DevelopmentSplit()
        let choose = split.select(.choose, from: examples)
        let confirm = split.select(.confirm, from: examples)
        #expect(choose.count + confirm.count == examples.count)
        #expect(Set(choose.map(\.text)).isDisjoint(with: confirm.map(\.text)))
        #expect((1_300...1_500).contains(choose.count), "choose part: \(choose.count) of 2000")
    }

    @Test("macro-F1 counts only the intents with enough messages")
    func macroMinimumSupport() {
        var outcomes: [(expected: String, predicted: String, confidence: Double, text: String)] = []
        for index in 0..<10 { outcomes.append(("a", "a", 0.9, "a\(index)")) }
        outcomes.append(("rare", "a", 0.9, "r"))
        let all = EvaluationReport(outcomes: outcomes, outOfScopeIntent: "oos")
        let supported = EvaluationReport(outcomes: outcomes, outOfScopeIntent: "oos", macroMinimumSupport: 5)
        #expect(all.macroF1 < 0.6)
        #expect(supported.macroF1 > 0.9)
    }
}
