/// Measures a classifier: on a labelled set, or by stratified k-fold cross-validation over its own
/// training examples.
public struct Evaluator: Sendable {
    public var normalizer: TextNormalizer
    public var options: ClassifierOptions
    public var policy: DecisionPolicy

    public init(normalizer: TextNormalizer, options: ClassifierOptions = ClassifierOptions(), policy: DecisionPolicy = DecisionPolicy()) {
        self.normalizer = normalizer
        self.options = options
        self.policy = policy
    }

    /// Scores `classifier` on labelled messages, with the policy's out-of-scope rule applied; macro-F1 counts the
    /// intents with at least `macroMinimumSupport` messages.
    public func evaluate(_ classifier: IntentClassifier, on examples: [TrainingExample], macroMinimumSupport: Int = 1) -> EvaluationReport {
        EvaluationReport(outcomes: outcomes(classifier, examples), outOfScopeIntent: policy.outOfScopeIntent, macroMinimumSupport: macroMinimumSupport)
    }

    /// Stratified k-fold cross-validation: each intent's examples are dealt round-robin (after a seeded
    /// shuffle) into `folds` parts; each part is predicted by a model trained on the others.
    public func crossValidate(_ examples: [TrainingExample], folds: Int = 5, macroMinimumSupport: Int = 1) throws(ClassifierError) -> EvaluationReport {
        let parts = Self.stratifiedFolds(examples, folds: max(2, folds), seed: options.seed)
        var all: [(expected: String, predicted: String, confidence: Double, text: String)] = []
        for fold in parts.indices {
            let training = parts.enumerated().filter { $0.offset != fold }.flatMap(\.element)
            let classifier = try IntentClassifier(examples: training, normalizer: normalizer, options: options)
            all += outcomes(classifier, parts[fold])
        }
        return EvaluationReport(outcomes: all, outOfScopeIntent: policy.outOfScopeIntent, macroMinimumSupport: macroMinimumSupport)
    }

    /// The softmax temperature that minimises cross-validated log-loss, searched over 0.3…3.
    public func calibratedTemperature(_ examples: [TrainingExample], folds: Int = 5) throws(ClassifierError) -> Double {
        let parts = Self.stratifiedFolds(examples, folds: max(2, folds), seed: options.seed)
        var scored: [(scores: [Float], label: Int)] = []
        for fold in parts.indices {
            let training = parts.enumerated().filter { $0.offset != fold }.flatMap(\.element)
            var plain = options
            plain.temperature = 1
            let classifier = try IntentClassifier(examples: training, normalizer: normalizer, options: plain)
            for example in parts[fold] {
                guard let label = classifier.labels.firstIndex(of: example.label) else { continue }
                scored.append((classifier.scores(classifier.vectorize(normalizer.normalize(example.text))), label))
            }
        }
        var best = (temperature: 1.0, loss: Double.infinity)
        for step in 0...27 {
            let temperature = 0.3 + Double(step) * 0.1
            var loss = 0.0
            for item in scored {
                let probabilities = IntentClassifier.softmax(item.scores, temperature: Float(temperature))
                loss -= log(Double(max(probabilities[item.label], 1e-9)))
            }
            if loss < best.loss { best = (temperature, loss) }
        }
        return best.temperature
    }

    private func outcomes(_ classifier: IntentClassifier, _ examples: [TrainingExample]) -> [(expected: String, predicted: String, confidence: Double, text: String)] {
        examples.map { example in
            let classification = classifier.classify(example.text)
            return (example.intent, policy.resolvedIntent(classification), classification.best.confidence, example.text)
        }
    }

    static func stratifiedFolds(_ examples: [TrainingExample], folds: Int, seed: UInt64) -> [[TrainingExample]] {
        var generator = SplitMix64(seed: seed ^ 0x5EED)
        var parts = Array(repeating: [TrainingExample](), count: folds)
        let byIntent = Dictionary(grouping: examples, by: \.label)
        var next = 0
        for intent in byIntent.keys.sorted() {
            for example in byIntent[intent, default: []].shuffled(using: &generator) {
                parts[next % folds].append(example)
                next += 1
            }
        }
        return parts
    }
}

#if canImport(Foundation)
import Foundation
#endif
