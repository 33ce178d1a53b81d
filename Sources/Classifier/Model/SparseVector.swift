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
        known.reserveCapacity(hashes.count)
        for hash in hashes {
            if let index = vocabulary.index(of: hash) { known.append(Int32(index)) }
        }
        self.init(featureIndices: known, idf: idf)
    }

    init(featureIndices: [Int32], idf: [Float]) {
        var sorted = featureIndices
        sorted.sort()
        var indices: [Int32] = []
        var values: [Float] = []
        indices.reserveCapacity(sorted.count)
        values.reserveCapacity(sorted.count)
        var position = 0
        var norm: Float = 0
        while position < sorted.count {
            let index = sorted[position]
            var end = position + 1
            while end < sorted.count, sorted[end] == index { end += 1 }
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
        self.indices = indices
        self.values = values
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
