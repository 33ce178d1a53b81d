/// Fits the logistic regression behind `IntentClassifier` with stochastic gradient descent.
struct ModelTrainer {
    let intents: [String]
    let extractor: FeatureExtractor
    let normalizer: TextNormalizer
    let options: ClassifierOptions

    struct Model {
        var vocabulary: FeatureVocabulary
        var idf: [Float]
        var weights: [Float]
        var bias: [Float]
    }

    func train(_ examples: [TrainingExample]) -> Model {
        let classIndex = Dictionary(uniqueKeysWithValues: intents.enumerated().map { ($1, $0) })

        // Featurise every example once; the pinyin-only view teaches messages typed in pinyin directly.
        var vocabulary = FeatureVocabulary(minimumCapacity: examples.count * 4)
        var documents: [(features: [Int32], label: Int)] = []
        documents.reserveCapacity(examples.count * 2)
        var hashes: [UInt64] = []
        for example in examples {
            guard let label = classIndex[example.intent] else { continue }
            let normalized = normalizer.normalize(example.text)
            var views = [normalized]
            if options.pinyinAugmentation, let pinyinView = Self.pinyinOnly(normalized) { views.append(pinyinView) }
            for view in views {
                hashes.removeAll(keepingCapacity: true)
                extractor.extract(view, into: &hashes)
                documents.append((hashes.map { Int32(vocabulary.index(inserting: $0)) }, label))
            }
        }

        // Inverse document frequency, smoothed as in scikit-learn: ln((1 + n) / (1 + df)) + 1.
        var documentFrequency = [Int](repeating: 0, count: vocabulary.count)
        for document in documents {
            for index in Set(document.features) { documentFrequency[Int(index)] += 1 }
        }
        let total = Float(documents.count)
        let idf = documentFrequency.map { logf((1 + total) / (1 + Float($0))) + 1 }
        let vectors = documents.map { SparseVector(featureIndices: $0.features, idf: idf) }
        let labels = documents.map(\.label)

        // Class weights: (n / (k * n_c)) ^ classBalance.
        var classCounts = [Int](repeating: 0, count: intents.count)
        for label in labels { classCounts[label] += 1 }
        let classWeights = classCounts.map { count -> Float in
            guard count > 0 else { return 0 }
            return powf(total / (Float(intents.count) * Float(count)), options.classBalance)
        }

        let classes = intents.count
        var weights = [Float](repeating: 0, count: vocabulary.count * classes)
        var bias = [Float](repeating: 0, count: classes)
        var order = Array(vectors.indices)
        var generator = SplitMix64(seed: options.seed)
        var step: Float = 0
        let steps = Float(max(vectors.count, 1))
        var probabilities = [Float](repeating: 0, count: classes)

        weights.withUnsafeMutableBufferPointer { weights in
            for _ in 0..<options.epochs {
                order.shuffle(using: &generator)
                for documentIndex in order {
                    let vector = vectors[documentIndex]
                    let label = labels[documentIndex]
                    let rate = options.learningRate / (1 + step / steps)
                    step += 1
                    // Forward pass.
                    for column in 0..<classes { probabilities[column] = bias[column] }
                    for (index, value) in zip(vector.indices, vector.values) {
                        let row = Int(index) * classes
                        for column in 0..<classes { probabilities[column] += value * weights[row + column] }
                    }
                    let top = probabilities.max() ?? 0
                    var sum: Float = 0
                    for column in 0..<classes {
                        probabilities[column] = expf(probabilities[column] - top)
                        sum += probabilities[column]
                    }
                    // Gradient of the weighted cross-entropy, with L2 on the rows this example touches.
                    let sampleWeight = classWeights[label]
                    for column in 0..<classes {
                        let target: Float = column == label ? 1 : 0
                        probabilities[column] = sampleWeight * (probabilities[column] / sum - target)
                        bias[column] -= rate * probabilities[column]
                    }
                    let decay = 1 - rate * options.l2
                    for (index, value) in zip(vector.indices, vector.values) {
                        let row = Int(index) * classes
                        for column in 0..<classes {
                            weights[row + column] = weights[row + column] * decay - rate * probabilities[column] * value
                        }
                    }
                }
            }
        }
        return Model(vocabulary: vocabulary, idf: idf, weights: weights, bias: bias)
    }

    /// The message with its characters hidden and only their pinyin left, or nil when it has no Han text.
    static func pinyinOnly(_ text: NormalizedText) -> NormalizedText? {
        var hasHan = false
        var tokens = text.tokens
        for index in tokens.indices where tokens[index].syllable != 0 && tokens[index].symbol != 0 {
            tokens[index].symbol = 0
            hasHan = true
        }
        return hasHan ? NormalizedText(tokens: tokens) : nil
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
