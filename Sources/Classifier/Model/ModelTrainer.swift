/// Fits the logistic regression behind `IntentClassifier` with stochastic gradient descent.
struct ModelTrainer {
    /// The classes to learn: intents, and topics inside them (`TrainingExample.label`).
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

        // Featurise every example once into flat rows; the pinyin-only view teaches messages typed in
        // pinyin directly.
        var vocabulary = FeatureVocabulary(minimumCapacity: examples.count * 4)
        var matrix = DocumentMatrix()
        var hashes: [UInt64] = []
        var features: [Int32] = []
        func addRow(_ text: NormalizedText, label: Int) {
            hashes.removeAll(keepingCapacity: true)
            extractor.extract(text, into: &hashes)
            features.removeAll(keepingCapacity: true)
            for hash in hashes { features.append(Int32(vocabulary.index(inserting: hash))) }
            matrix.append(features: &features, label: label)
        }
        for example in examples {
            guard let label = classIndex[example.label] else { continue }
            let normalized = normalizer.normalize(example.text)
            addRow(normalized, label: label)
            if options.pinyinAugmentation, let pinyinView = Self.pinyinOnly(normalized) { addRow(pinyinView, label: label) }
        }

        // Inverse document frequency, smoothed as in scikit-learn: ln((1 + n) / (1 + df)) + 1.
        let total = Float(matrix.rowCount)
        let idf = matrix.documentFrequencies(featureCount: vocabulary.count).map { logf((1 + total) / (1 + Float($0))) + 1 }
        matrix.weigh(by: idf)

        // Class weights: (n / (k * n_c)) ^ classBalance.
        var classCounts = [Int](repeating: 0, count: intents.count)
        for label in matrix.labels { classCounts[Int(label)] += 1 }
        let classWeights = classCounts.map { count -> Float in
            guard count > 0 else { return 0 }
            return powf(total / (Float(intents.count) * Float(count)), options.classBalance)
        }

        let classes = intents.count
        var weights = [Float](repeating: 0, count: vocabulary.count * classes)
        var bias = [Float](repeating: 0, count: classes)
        matrix.withUnsafeRows { indices, values in
            weights.withUnsafeMutableBufferPointer { weights in
                descend(
                    offsets: matrix.offsets, indices: indices, values: values, labels: matrix.labels,
                    classWeights: classWeights, weights: weights, bias: &bias
                )
            }
        }
        return Model(vocabulary: vocabulary, idf: idf, weights: weights, bias: bias)
    }

    /// The epochs of stochastic gradient descent over the rows, in a seeded shuffled order. With
    /// `options.averagedEpochs`, the weights left are the mean of the weights at the end of each of the last epochs,
    /// not the last epoch's alone.
    private func descend(
        offsets: [Int32], indices: UnsafeBufferPointer<Int32>, values: UnsafeBufferPointer<Float>, labels: [Int32],
        classWeights: [Float], weights: UnsafeMutableBufferPointer<Float>, bias: inout [Float]
    ) {
        let classes = bias.count
        var order = Array(labels.indices)
        var generator = SplitMix64(seed: options.seed)
        var step: Float = 0
        let steps = Float(max(labels.count, 1))
        var probabilities = [Float](repeating: 0, count: classes)
        let averagedEpochs = min(max(options.averagedEpochs, 0), options.epochs)
        var weightSum = [Float](repeating: 0, count: averagedEpochs > 0 ? weights.count : 0)
        var biasSum = [Float](repeating: 0, count: classes)
        for epoch in 0..<options.epochs {
            order.shuffle(using: &generator)
            for row in order {
                let range = Int(offsets[row])..<Int(offsets[row + 1])
                let label = Int(labels[row])
                let rate = options.learningRate / (1 + step / steps)
                step += 1
                // Forward pass.
                for column in 0..<classes { probabilities[column] = bias[column] }
                probabilities.withUnsafeMutableBufferPointer { sums in
                    for slot in range {
                        RowArithmetic.accumulate(
                            UnsafePointer(weights.baseAddress! + Int(indices[slot]) * classes), times: values[slot],
                            into: sums.baseAddress!, classes: classes
                        )
                    }
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
                probabilities.withUnsafeBufferPointer { gradients in
                    for slot in range {
                        RowArithmetic.descend(
                            weights.baseAddress! + Int(indices[slot]) * classes, decay: decay, rate: rate,
                            gradients: gradients.baseAddress!, value: values[slot], classes: classes
                        )
                    }
                }
            }
            if epoch >= options.epochs - averagedEpochs {
                weightSum.withUnsafeMutableBufferPointer { weightSum in
                    for index in weights.indices { weightSum[index] += weights[index] }
                }
                for column in 0..<classes { biasSum[column] += bias[column] }
            }
        }
        guard averagedEpochs > 0 else { return }
        let count = Float(averagedEpochs)
        for index in weights.indices { weights[index] = weightSum[index] / count }
        for column in 0..<classes { bias[column] = biasSum[column] / count }
    }

    /// The message with its characters hidden and only their pinyin left, or nil when it has no Han text.
    static func pinyinOnly(_ text: NormalizedText) -> NormalizedText? {
        var hasHan = false
        var view = text
        for index in view.featureTokens.indices where view.tokens[index].syllable != 0 && view.tokens[index].symbol != 0 {
            view.tokens[index].symbol = 0
            hasHan = true
        }
        return hasHan ? view : nil
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
