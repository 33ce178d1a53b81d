/// A TF-IDF vector over the vocabulary: sorted feature indices with their weights, L2-normalised.
struct SparseVector: Sendable {
    var indices: [Int32]
    var values: [Float]

    var isEmpty: Bool { indices.isEmpty }

    /// Builds the vector from feature hashes (repeats count as term frequency), keeping known features only.
    /// Weighting: sublinear term frequency (1 + ln tf), times the feature's inverse document frequency,
    /// then L2 normalisation so long and short messages weigh alike.
    init(hashes: [UInt64], vocabulary: FeatureVocabulary, idf: [Float]) {
        var known: [Int32] = []
        var indices: [Int32] = []
        var values: [Float] = []
        Self.build(hashes: hashes, vocabulary: vocabulary, idf: idf, known: &known, indices: &indices, values: &values)
        self.indices = indices
        self.values = values
    }

    init(featureIndices: [Int32], idf: [Float]) {
        var sorted = featureIndices
        var indices: [Int32] = []
        var values: [Float] = []
        Self.weigh(&sorted, idf: idf, indices: &indices, values: &values)
        self.indices = indices
        self.values = values
    }

    /// The vector's indices and values for `hashes`, written into the given buffers (their storage reused);
    /// `known` is scratch space.
    static func build(
        hashes: [UInt64], vocabulary: FeatureVocabulary, idf: [Float],
        known: inout [Int32], indices: inout [Int32], values: inout [Float]
    ) {
        known.removeAll(keepingCapacity: true)
        known.reserveCapacity(hashes.count)
        for hash in hashes {
            let index = vocabulary.rawIndex(of: hash)
            if index >= 0 { known.append(index) }
        }
        weigh(&known, idf: idf, indices: &indices, values: &values)
    }

    /// Sorts `features` (scratch) and writes the distinct indices with their normalised TF-IDF values.
    private static func weigh(_ features: inout [Int32], idf: [Float], indices: inout [Int32], values: inout [Float]) {
        features.withUnsafeMutableBufferPointer { IndexSort.sort($0) }
        indices.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        var position = 0
        var norm: Float = 0
        let count = features.count
        while position < count {
            let index = features[position]
            var end = position + 1
            while end < count, features[end] == index { end += 1 }
            let termFrequency = Float(end - position)
            let value = (1 + logf(termFrequency)) * idf[Int(index)]
            indices.append(index)
            values.append(value)
            norm += value * value
            position = end
        }
        if norm > 0 {
            let scale = 1 / norm.squareRoot()
            for slot in values.indices { values[slot] *= scale }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
