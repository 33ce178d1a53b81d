import Classifier
import Dialogue
import Foundation
import SharedTestSupport
import Testing

/// The bot on messages written separately from Intents/ (Tests/Fixtures/heldout.tsv). The floors are
/// set a little under what the classifier reaches, so a regression fails here.
@Suite("Held-out accuracy", .trainedEngine)
struct HeldOutAccuracyTests {
    static func heldOut() throws -> [TrainingExample] {
        let path = TestCatalog.root.appendingPathComponent("Tests/Fixtures/heldout.tsv").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", maxSplits: 1)
            return fields.count == 2 ? TrainingExample(intent: String(fields[0]), text: String(fields[1])) : nil
        }
    }

    @Test("held-out in-scope accuracy, macro-F1 and out-of-scope recall stay above their floors")
    func heldOutFigures() throws {
        let examples = try Self.heldOut()
        #expect(examples.count >= 300)
        #expect(Set(examples.map(\.intent)) == Set(TestCatalog.catalog.reportedIntents))
        let engine = TestCatalog.engine
        let report = Evaluator(normalizer: engine.classifier.normalizer, options: engine.classifier.options, policy: engine.policy)
            .evaluate(engine.classifier, on: examples)
        #expect(report.inScopeAccuracy >= 0.95, "in-scope accuracy \(report.inScopeAccuracy)")
        #expect(report.macroF1 >= 0.94, "macro-F1 \(report.macroF1)")
        #expect(report.outOfScopeRecall >= 0.95, "out-of-scope recall \(report.outOfScopeRecall)")
        #expect(report.outOfScopePrecision >= 0.88, "out-of-scope precision \(report.outOfScopePrecision)")
    }

    @Test("no held-out message was copied into Intents/")
    func noLeak() throws {
        let training = Set(TestCatalog.catalog.trainingExamples.map(\.text))
        let leaked = try Self.heldOut().filter { training.contains($0.text) }
        #expect(leaked.isEmpty, "copied: \(leaked.map(\.text))")
    }
}
