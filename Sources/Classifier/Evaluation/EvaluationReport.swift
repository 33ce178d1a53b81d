/// How well predictions matched labels: accuracy, per-intent precision, recall and F1, macro-F1,
/// out-of-scope precision and recall, calibration, and the confusion matrix.
public struct EvaluationReport: Sendable, Equatable, Codable {
    /// One intent's figures.
    public struct IntentMetrics: Sendable, Equatable, Codable {
        public var intent: String
        public var precision: Double
        public var recall: Double
        public var f1: Double
        /// Labelled messages of this intent.
        public var support: Int
    }

    /// A message the classifier got wrong.
    public struct Miss: Sendable, Equatable, Codable {
        public var text: String
        public var expected: String
        public var predicted: String
        public var confidence: Double
    }

    public var count: Int
    public var accuracy: Double
    /// Accuracy over the messages whose label is not out of scope.
    public var inScopeAccuracy: Double
    /// The mean F1 of the intents with at least ``macroMinimumSupport`` labelled messages.
    public var macroF1: Double
    /// How many labelled messages an intent needs to count in ``macroF1`` (an intent seen once or twice in a
    /// set only adds noise to the mean).
    public var macroMinimumSupport: Int
    /// Of the messages the bot treated as out of scope, how many were.
    public var outOfScopePrecision: Double
    /// Of the out-of-scope messages, how many the bot treated as such.
    public var outOfScopeRecall: Double
    /// Expected calibration error over 10 confidence bins (0 is perfectly calibrated).
    public var calibrationError: Double
    public var intents: [IntentMetrics]
    /// Labels in matrix order.
    public var labels: [String]
    /// `confusion[expected][predicted]`, indices into `labels`.
    public var confusion: [[Int]]
    /// Up to 50 misclassified messages, for inspection.
    public var misses: [Miss]

    /// Computes the report from (expected, predicted, confidence of the best intent, text) tuples.
    public init(
        outcomes: [(expected: String, predicted: String, confidence: Double, text: String)], outOfScopeIntent: String,
        macroMinimumSupport: Int = 1
    ) {
        let labels = Array(Set(outcomes.flatMap { [$0.expected, $0.predicted] })).sorted()
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        var confusion = Array(repeating: Array(repeating: 0, count: labels.count), count: labels.count)
        var correct = 0
        var inScope = 0
        var inScopeCorrect = 0
        var misses: [Miss] = []
        for outcome in outcomes {
            confusion[index[outcome.expected]!][index[outcome.predicted]!] += 1
            if outcome.expected == outcome.predicted {
                correct += 1
            } else if misses.count < 50 {
                misses.append(Miss(text: outcome.text, expected: outcome.expected, predicted: outcome.predicted, confidence: outcome.confidence))
            }
            if outcome.expected != outOfScopeIntent {
                inScope += 1
                if outcome.expected == outcome.predicted { inScopeCorrect += 1 }
            }
        }
        var metrics: [IntentMetrics] = []
        for (row, label) in labels.enumerated() {
            let truePositives = Double(confusion[row][row])
            let predicted = Double(confusion.reduce(0) { $0 + $1[row] })
            let actual = Double(confusion[row].reduce(0, +))
            let precision = predicted > 0 ? truePositives / predicted : 0
            let recall = actual > 0 ? truePositives / actual : 0
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            metrics.append(IntentMetrics(intent: label, precision: precision, recall: recall, f1: f1, support: Int(actual)))
        }
        let supported = metrics.filter { $0.support >= max(1, macroMinimumSupport) }
        let outOfScope = metrics.first { $0.intent == outOfScopeIntent }

        // Calibration: is a message answered with confidence c right about c of the time?
        var binCount = [Double](repeating: 0, count: 10)
        var binConfidence = [Double](repeating: 0, count: 10)
        var binCorrect = [Double](repeating: 0, count: 10)
        for outcome in outcomes {
            let bin = min(9, Int(outcome.confidence * 10))
            binCount[bin] += 1
            binConfidence[bin] += outcome.confidence
            if outcome.expected == outcome.predicted { binCorrect[bin] += 1 }
        }
        var calibrationError = 0.0
        for bin in 0..<10 where binCount[bin] > 0 {
            calibrationError += abs(binConfidence[bin] - binCorrect[bin]) / Double(max(outcomes.count, 1))
        }

        self.count = outcomes.count
        self.accuracy = outcomes.isEmpty ? 0 : Double(correct) / Double(outcomes.count)
        self.inScopeAccuracy = inScope == 0 ? 0 : Double(inScopeCorrect) / Double(inScope)
        self.macroMinimumSupport = max(1, macroMinimumSupport)
        self.macroF1 = supported.isEmpty ? 0 : supported.map(\.f1).reduce(0, +) / Double(supported.count)
        self.outOfScopePrecision = outOfScope?.precision ?? 0
        self.outOfScopeRecall = outOfScope?.recall ?? 0
        self.calibrationError = calibrationError
        self.intents = metrics
        self.labels = labels
        self.confusion = confusion
        self.misses = misses
    }
}
