@testable import Classifier
import Testing

@Suite("Averaged epochs: the model is the mean of the weights at the end of the last epochs")
struct AveragedDescentTests {
    static let examples = [
        TrainingExample(intent: "a", text: "花呗被冻结了"), TrainingExample(intent: "a", text: "花呗用不了了"),
        TrainingExample(intent: "b", text: "借呗怎么还款"), TrainingExample(intent: "b", text: "借呗额度多少"),
    ]

    @Test("averaging one epoch is plain SGD, to the bit")
    func oneEpochIsPlain() throws {
        let plain = try IntentClassifier(examples: Self.examples, options: ClassifierOptions(epochs: 6, averagedEpochs: 0))
        let one = try IntentClassifier(examples: Self.examples, options: ClassifierOptions(epochs: 6, averagedEpochs: 1))
        #expect(one.weights.map(\.bitPattern) == plain.weights.map(\.bitPattern))
        #expect(one.bias.map(\.bitPattern) == plain.bias.map(\.bitPattern))
    }

    @Test("the mean of the last epochs: between the epochs' weights, deterministic, and still right")
    func meanOfEpochs() throws {
        let options = { (epochs: Int, averaged: Int) in ClassifierOptions(epochs: epochs, averagedEpochs: averaged) }
        let averaged = try IntentClassifier(examples: Self.examples, options: options(6, 2))
        let again = try IntentClassifier(examples: Self.examples, options: options(6, 2))
        let fifth = try IntentClassifier(examples: Self.examples, options: options(5, 0))
        let sixth = try IntentClassifier(examples: Self.examples, options: options(6, 0))
        #expect(averaged.weights == again.weights && averaged.bias == again.bias)
        // Five epochs of a six-epoch run see the same shuffles and learning rates as a five-epoch run.
        for index in averaged.weights.indices {
            let mean = (fifth.weights[index] + sixth.weights[index]) / 2
            #expect(abs(averaged.weights[index] - mean) <= 1e-6 * max(1, abs(mean)))
        }
        #expect(averaged.weights != sixth.weights)
        #expect(averaged.classify("花呗冻结").best.intent == "a")
        #expect(averaged.classify("借呗还款").best.intent == "b")
    }
}
