import Testing
@testable import Classifier

@Suite("Evaluation")
struct EvaluationTests {
    @Test("figures from a known confusion")
    func figures() {
        let outcomes: [(expected: String, predicted: String, confidence: Double, text: String)] = [
            ("a", "a", 0.9, "1"), ("a", "a", 0.9, "2"), ("a", "oos", 0.9, "3"),
            ("b", "b", 0.9, "4"), ("oos", "oos", 0.9, "5"), ("oos", "a", 0.9, "6"),
        ]
        let report = EvaluationReport(outcomes: outcomes, outOfScopeIntent: "oos")
        #expect(report.count == 6)
        #expect(abs(report.accuracy - 4.0 / 6.0) < 1e-9)
        #expect(abs(report.inScopeAccuracy - 3.0 / 4.0) < 1e-9)
        let a = report.intents.first { $0.intent == "a" }!
        #expect(abs(a.precision - 2.0 / 3.0) < 1e-9)
        #expect(abs(a.recall - 2.0 / 3.0) < 1e-9)
        #expect(abs(report.outOfScopePrecision - 0.5) < 1e-9)
        #expect(abs(report.outOfScopeRecall - 0.5) < 1e-9)
        #expect(report.confusion[report.labels.firstIndex(of: "a")!][report.labels.firstIndex(of: "oos")!] == 1)
        #expect(report.misses.count == 2)
        // Six answers at confidence 0.9, four right: ECE = |0.9 - 0.667| = 0.233.
        #expect(abs(report.calibrationError - (0.9 - 4.0 / 6.0)) < 1e-9)
    }

    @Test("stratified folds keep every intent in every fold and lose nothing")
    func folds() {
        let examples = (0..<50).map { TrainingExample(intent: $0 % 2 == 0 ? "a" : "b", text: "\($0)") }
        let folds = Evaluator.stratifiedFolds(examples, folds: 5, seed: 1)
        #expect(folds.count == 5)
        #expect(folds.map(\.count).reduce(0, +) == 50)
        #expect(Set(folds.flatMap { $0 }.map(\.text)).count == 50)
        for fold in folds { #expect(Set(fold.map(\.intent)) == ["a", "b"]) }
    }
}
