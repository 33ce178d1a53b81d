@testable import Classifier
import Testing

@Suite("Averaged SGD: the moments kept along the steps give the mean of the weights over those steps")
struct AveragedDescentTests {
    @Test("w − moments / m is the mean of the weights after each of m steps", arguments: [3, 8, 21])
    func meanOfIterates(classes: Int) {
        var generator = SplitMix64(seed: UInt64(classes) &* 31)
        func random() -> Float { Float(Int64(bitPattern: generator.next() >> 8) % 2_000_001 - 1_000_000) / 1_234_567 }
        var row = (0..<classes).map { _ in random() }
        var moments = [Float](repeating: 0, count: classes)
        var sum = [Double](repeating: 0, count: classes)
        let steps = 40
        for step in 0..<steps {
            let gradients = (0..<classes).map { _ in random() }
            let rate = 0.5 / (1 + Float(step) / 10)
            row.withUnsafeMutableBufferPointer { row in
                moments.withUnsafeMutableBufferPointer { moments in
                    gradients.withUnsafeBufferPointer {
                        RowArithmetic.descend(
                            row.baseAddress!, moments: moments.baseAddress!, step: Float(step), decay: 1 - rate * 1e-3,
                            rate: rate, gradients: $0.baseAddress!, value: 0.8, classes: classes
                        )
                    }
                }
            }
            for column in 0..<classes { sum[column] += Double(row[column]) }
        }
        for column in 0..<classes {
            let averaged = Double(row[column] - moments[column] / Float(steps))
            #expect(abs(averaged - sum[column] / Double(steps)) < 1e-4, "class \(column)")
        }
    }

    @Test("averaging changes the model but keeps it deterministic, and 0 averaged epochs is plain SGD")
    func deterministic() throws {
        let examples = [
            TrainingExample(intent: "a", text: "花呗被冻结了"), TrainingExample(intent: "a", text: "花呗用不了了"),
            TrainingExample(intent: "b", text: "借呗怎么还款"), TrainingExample(intent: "b", text: "借呗额度多少"),
        ]
        let averaged = ClassifierOptions(epochs: 6, averagedEpochs: 3)
        let first = try IntentClassifier(examples: examples, options: averaged)
        let second = try IntentClassifier(examples: examples, options: averaged)
        let plain = try IntentClassifier(examples: examples, options: ClassifierOptions(epochs: 6, averagedEpochs: 0))
        #expect(first.weights == second.weights && first.bias == second.bias)
        #expect(first.weights != plain.weights)
        #expect(first.classify("花呗冻结").best.intent == "a")
        #expect(first.classify("借呗还款").best.intent == "b")
    }
}
