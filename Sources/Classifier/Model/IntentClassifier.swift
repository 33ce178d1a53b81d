/// The intent classifier: character and pinyin n-grams, TF-IDF weighted, under a multinomial logistic
/// regression trained at start-up.
///
/// Why this model:
/// - Logistic regression gives a probability for every intent, so the bot can rank intents, show a
///   confidence, ask when the top two are close, and fall back to out_of_scope below a threshold. A
///   linear SVM ranks as well but its margins are not probabilities; naive Bayes is fast but badly
///   calibrated on overlapping n-grams.
/// - It is linear in the features, so classifying a message is one sparse dot product per intent: a
///   few microseconds, with no dependency beyond the standard library.
/// - Training is a few hundred thousand sparse updates, fast enough to run at every start-up, and
///   deterministic (seeded shuffling), so the same Intents/ always give the same bot.
/// - Weights explain themselves: the n-grams with the largest weight times value are the "why".
///
/// Why these features: Chinese has no spaces, so character n-grams (1 and 2; trigrams, tried until issue 11's fifth
/// round, fitted the examples' wording more than real users' questions) stand in for words and survive missing or
/// extra characters. A parallel channel of toneless pinyin n-grams makes homophone
/// typos (`花贝`, `遇期`) and messages typed in pinyin land on the features of the right characters.
/// TF-IDF with sublinear term frequency keeps common particles (`了`, `吗`) from dominating, and L2
/// normalisation makes short and long messages comparable.
///
/// Topics: an intent may be learnt as several classes (out_of_scope as 借呗, closing by choice, repayment …, each
/// with examples of its own), because one class for everything off-topic has to stretch over unrelated subjects. The
/// model scores every class; an intent's confidence is the sum of its classes' probabilities, and the best class
/// inside the winning intent is reported as its ``Classification/topic``.
public struct IntentClassifier: Sendable {
    /// The intents, sorted: what the classifier reports.
    public let intents: [String]
    /// The classes the model learns, in its internal order: intents, and the topics inside them.
    public let labels: [String]
    /// The options it was trained with.
    public let options: ClassifierOptions
    /// The normaliser it applies to every message.
    public let normalizer: TextNormalizer
    /// How many distinct n-grams training saw.
    public var featureCount: Int { vocabulary.count }

    let extractor: FeatureExtractor
    let vocabulary: FeatureVocabulary
    let idf: [Float]
    /// Row-major: `weights[feature * labels.count + label]`.
    let weights: [Float]
    let bias: [Float]
    /// For each label, the index of its intent in ``intents``.
    let intentOfLabel: [Int]
    /// For each label, the topic it stands for, or nil when it is the intent itself.
    let topicOfLabel: [String?]
    /// Whether any label is a topic.
    let hasTopics: Bool

    /// Trains a classifier on `examples`. Throws when there is nothing to learn from.
    public init(
        examples: [TrainingExample],
        normalizer: TextNormalizer = TextNormalizer(),
        options: ClassifierOptions = ClassifierOptions()
    ) throws(ClassifierError) {
        guard let first = examples.first else { throw .noExamples }
        let intents = Array(Set(examples.map(\.intent))).sorted()
        guard intents.count > 1 else { throw .singleIntent(first.intent) }
        var intentByLabel: [String: String] = [:]
        for example in examples {
            if let topic = example.topic, intents.contains(topic) || (intentByLabel[topic].map { $0 != example.intent } ?? false) {
                throw .topicClash(topic)
            }
            intentByLabel[example.label] = example.intent
        }
        let labels = intentByLabel.keys.sorted()
        let extractor = FeatureExtractor(characterOrders: options.characterOrders, pinyinOrders: options.pinyinOrders)
        let trainer = ModelTrainer(intents: labels, extractor: extractor, normalizer: normalizer, options: options)
        let model = trainer.train(examples)
        self.intents = intents
        self.labels = labels
        self.intentOfLabel = labels.map { intents.firstIndex(of: intentByLabel[$0]!)! }
        self.topicOfLabel = labels.map { intentByLabel[$0] == $0 ? nil : $0 }
        self.hasTopics = topicOfLabel.contains { $0 != nil }
        self.options = options
        self.normalizer = normalizer
        self.extractor = extractor
        self.vocabulary = model.vocabulary
        self.idf = model.idf
        self.weights = model.weights
        self.bias = model.bias
    }

    /// Ranks every intent for `text`.
    public func classify(_ text: String) -> Classification {
        classify(normalizer.normalize(text))
    }

    /// Ranks every intent for a message already normalised with ``normalizer``, for callers that read the normalised
    /// text too (the dialogue looks for negated cause words in it).
    public func classify(_ normalized: NormalizedText) -> Classification {
        var hashes: [UInt64] = []
        return classify(normalized, hashes: &hashes)
    }

    /// ``classify(_:)-(NormalizedText)`` that also leaves the message's n-gram hashes in `hashes`, so that a second model
    /// with the same featuriser (``sharesFeatures(with:)``) scores the message without extracting them again
    /// (``probability(of:hashes:)``).
    public func classify(_ normalized: NormalizedText, hashes: inout [UInt64]) -> Classification {
        var buffers = ClassificationBuffers(countsDensely: false)
        swap(&buffers.hashes, &hashes)
        classify(normalized, into: &buffers)
        swap(&buffers.hashes, &hashes)
        let ranking = buffers.ranking.map { Classification.Score(intent: intents[$0], confidence: buffers.confidences[$0]) }
        var classification = Classification(ranking: ranking, normalizedText: normalized.description, isEmpty: buffers.isEmpty)
        classification.topic = buffers.topic
        return classification
    }

    /// Ranks every intent for `text` into `buffers`, reusing their storage: for classifying in bulk. The same
    /// confidences, ranking and topic as ``classify(_:)-(String)``, without the normalised text.
    public func classify(_ text: String, into buffers: inout ClassificationBuffers) {
        classify(normalizer.normalize(text), into: &buffers)
    }

    func classify(_ normalized: NormalizedText, into buffers: inout ClassificationBuffers) {
        featurize(normalized, into: &buffers)
        score(&buffers)
    }

    /// The first half of ``classify(_:into:)``: the message's TF-IDF vector, into `buffers`. Public for the batch
    /// benchmark's per-stage figures.
    public func featurize(_ normalized: NormalizedText, into buffers: inout ClassificationBuffers) {
        buffers.isEmpty = normalized.isEmpty
        buffers.hashes.removeAll(keepingCapacity: true)
        extractor.extract(normalized, into: &buffers.hashes)
        if buffers.countsDensely {
            SparseVector.build(
                hashes: buffers.hashes, vocabulary: vocabulary, idf: idf,
                present: &buffers.present, counts: &buffers.counts, indices: &buffers.indices, values: &buffers.values
            )
        } else {
            let vector = SparseVector(hashes: buffers.hashes, vocabulary: vocabulary, idf: idf)
            buffers.indices = vector.indices
            buffers.values = vector.values
        }
    }

    /// The second half of ``classify(_:into:)``: scores, probabilities, the ranking and the topic of the vector
    /// ``featurize(_:into:)`` left in `buffers`.
    public func score(_ buffers: inout ClassificationBuffers) {
        Self.scores(indices: buffers.indices, values: buffers.values, weights: weights, bias: bias, into: &buffers.scores)
        Self.softmaxInPlace(&buffers.scores, temperature: options.temperature)
        let probabilities = buffers.scores
        buffers.confidences.removeAll(keepingCapacity: true)
        buffers.confidences.append(contentsOf: repeatElement(0, count: intents.count))
        for label in probabilities.indices { buffers.confidences[intentOfLabel[label]] += Double(probabilities[label]) }
        Self.rank(buffers.confidences, into: &buffers.ranking)
        buffers.topic = bestLabel(ofIntentAt: buffers.ranking[0], probabilities).flatMap { topicOfLabel[$0] }
    }

    /// Intent indices by confidence, highest first, ties in index (name) order: an insertion sort, as there are
    /// a few dozen at most.
    static func rank(_ confidences: [Double], into ranking: inout [Int]) {
        ranking.removeAll(keepingCapacity: true)
        for index in confidences.indices {
            var position = ranking.count
            ranking.append(index)
            // Indices arrive in ascending order, so an equal confidence stays behind: ties keep name order.
            while position > 0, confidences[ranking[position - 1]] < confidences[index] {
                ranking[position] = ranking[position - 1]
                position -= 1
            }
            ranking[position] = index
        }
    }

    /// The probability of the class `label` alone for a message already normalised with ``normalizer``: one sparse dot
    /// product per class and a softmax, without a ranking. For small detectors that only ask about one class (the scam
    /// detector's `scam`); 0 when the model has no such class.
    public func probability(of label: String, _ normalized: NormalizedText) -> Double {
        var hashes: [UInt64] = []
        hashes.reserveCapacity(normalized.tokens.count * 8)
        extractor.extract(normalized, into: &hashes)
        return probability(of: label, hashes: hashes)
    }

    /// Whether `other` extracts the same n-grams from a message (the same character and pinyin orders), so that the
    /// hashes ``classify(_:hashes:)`` leaves serve ``probability(of:hashes:)`` of either.
    public func sharesFeatures(with other: IntentClassifier) -> Bool {
        options.characterOrders == other.options.characterOrders && options.pinyinOrders == other.options.pinyinOrders
    }

    /// ``probability(of:_:)`` from the n-gram hashes of a model that ``sharesFeatures(with:)`` this one.
    public func probability(of label: String, hashes: [UInt64]) -> Double {
        guard let column = labels.firstIndex(of: label) else { return 0 }
        let vector = SparseVector(hashes: hashes, vocabulary: vocabulary, idf: idf)
        var scores: [Float] = []
        Self.scores(indices: vector.indices, values: vector.values, weights: weights, bias: bias, into: &scores)
        Self.softmaxInPlace(&scores, temperature: options.temperature)
        return Double(scores[column])
    }

    /// The most probable label of the intent at `column`, when the intents have topics.
    private func bestLabel(ofIntentAt column: Int, _ probabilities: [Float]) -> Int? {
        guard hasTopics else { return nil }
        var best: Int?
        for label in labels.indices where intentOfLabel[label] == column {
            if best == nil || probabilities[label] > probabilities[best!] { best = label }
        }
        return best
    }

    /// The most probable label inside `intent`, when the intent has topics.
    private func bestLabel(of intent: String, _ probabilities: [Float]) -> Int? {
        guard let column = intents.firstIndex(of: intent) else { return nil }
        return bestLabel(ofIntentAt: column, probabilities)
    }

    /// The n-grams of `text` that weigh most towards `intent` (default: the best intent), strongest first. For an
    /// intent learnt as topics, towards its most probable topic for this text; `intent` may also name a topic.
    public func explain(_ text: String, intent: String? = nil, limit: Int = 8) -> [FeatureContribution] {
        let normalized = normalizer.normalize(text)
        let target = intent ?? classify(text).best.intent
        let vector = vectorize(normalized)
        let column: Int
        if let label = labels.firstIndex(of: target), !intents.contains(target) || topicOfLabel.allSatisfy({ $0 == nil }) {
            column = label
        } else if let best = bestLabel(of: target, Self.softmax(scores(vector))) {
            column = best
        } else {
            return []
        }
        var valueByIndex: [Int32: Float] = [:]
        for (index, value) in zip(vector.indices, vector.values) { valueByIndex[index] = value }
        var seen = Set<Int32>()
        var contributions: [FeatureContribution] = []
        for (hash, name) in extractor.namedFeatures(normalized) {
            guard let index = vocabulary.index(of: hash).map(Int32.init), seen.insert(index).inserted,
                  let value = valueByIndex[index] else { continue }
            let weight = value * weights[Int(index) * labels.count + column]
            contributions.append(FeatureContribution(ngram: name, weight: Double(weight)))
        }
        contributions.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.ngram < $1.ngram }
        return Array(contributions.prefix(limit))
    }

    func vectorize(_ normalized: NormalizedText) -> SparseVector {
        var hashes: [UInt64] = []
        hashes.reserveCapacity(normalized.tokens.count * 8)
        extractor.extract(normalized, into: &hashes)
        return SparseVector(hashes: hashes, vocabulary: vocabulary, idf: idf)
    }

    func scores(_ vector: SparseVector) -> [Float] {
        Self.scores(vector, weights: weights, bias: bias)
    }

    static func scores(_ vector: SparseVector, weights: [Float], bias: [Float]) -> [Float] {
        var scores: [Float] = []
        Self.scores(indices: vector.indices, values: vector.values, weights: weights, bias: bias, into: &scores)
        return scores
    }

    /// `bias` plus each feature's value times its row of weights, feature by feature in the vector's order.
    ///
    /// Eight classes at a time (`RowArithmetic`): the same sums to the bit as the one-class-at-a-time loop
    /// ``scalarScores(indices:values:weights:bias:)``.
    static func scores(indices: [Int32], values: [Float], weights: [Float], bias: [Float], into scores: inout [Float]) {
        scores.removeAll(keepingCapacity: true)
        scores.append(contentsOf: bias)
        let classes = bias.count
        weights.withUnsafeBufferPointer { weights in
            scores.withUnsafeMutableBufferPointer { scores in
                guard let weightBase = weights.baseAddress, let scoreBase = scores.baseAddress else { return }
                for (index, value) in zip(indices, values) {
                    RowArithmetic.accumulate(weightBase + Int(index) * classes, times: value, into: scoreBase, classes: classes)
                }
            }
        }
    }

    /// The plain one-class-at-a-time loop that ``scores(indices:values:weights:bias:into:)`` must equal, for the tests.
    static func scalarScores(indices: [Int32], values: [Float], weights: [Float], bias: [Float]) -> [Float] {
        var scores = bias
        let classes = bias.count
        for (index, value) in zip(indices, values) {
            let row = Int(index) * classes
            for column in 0..<classes {
                scores[column] += value * weights[row + column]
            }
        }
        return scores
    }

    static func softmax(_ scores: [Float], temperature: Float = 1) -> [Float] {
        var exps = scores
        softmaxInPlace(&exps, temperature: temperature)
        return exps
    }

    static func softmaxInPlace(_ scores: inout [Float], temperature: Float = 1) {
        let scale = 1 / max(temperature, 1e-3)
        let top = scores.max() ?? 0
        for index in scores.indices { scores[index] = expf((scores[index] - top) * scale) }
        let sum = scores.reduce(0, +)
        for index in scores.indices { scores[index] /= sum }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
