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
            let index = vocabulary.rawIndex(of: hash)
            if index >= 0 { known.append(index) }
        }
        self.init(featureIndices: known, idf: idf)
    }

    init(featureIndices: [Int32], idf: [Float]) {
        var sorted = featureIndices
        var indices: [Int32] = []
        var values: [Float] = []
        Self.weigh(&sorted, idf: idf, indices: &indices, values: &values)
        self.indices = indices
        self.values = values
    }

    /// The vector's indices and values for `hashes`, written into `indices` and `values` (their storage reused).
    ///
    /// The same numbers as ``init(hashes:vocabulary:idf:)``, in the same order, without sorting: each known feature
    /// is counted in `counts` (one slot per feature) and marked in `present` (one bit per feature), and the marked
    /// bits are read back in ascending order, which clears both for the next message. A sort of a message's hundred
    /// or so indices mispredicts a branch at every other comparison; the bit scan over the vocabulary's few hundred
    /// words does not.
    static func build(
        hashes: [UInt64], vocabulary: FeatureVocabulary, idf: [Float],
        present: inout [UInt64], counts: inout [UInt16], indices: inout [Int32], values: inout [Float]
    ) {
        let featureCount = idf.count
        if counts.count < featureCount {
            counts = [UInt16](repeating: 0, count: featureCount)
            present = [UInt64](repeating: 0, count: (featureCount + 63) / 64)
        }
        indices.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        var norm: Float = 0
        present.withUnsafeMutableBufferPointer { present in
            counts.withUnsafeMutableBufferPointer { counts in
                var lowest = present.count
                var highest = -1
                for hash in hashes {
                    let index = Int(vocabulary.rawIndex(of: hash))
                    guard index >= 0 else { continue }
                    // A message has at most a few thousand n-grams, far below UInt16's limit.
                    counts[index] &+= 1
                    let word = index >> 6
                    present[word] |= 1 << UInt64(index & 63)
                    lowest = min(lowest, word)
                    highest = max(highest, word)
                }
                guard highest >= lowest else { return }
                idf.withUnsafeBufferPointer { idf in
                    for word in lowest...highest {
                        var bits = present[word]
                        guard bits != 0 else { continue }
                        present[word] = 0
                        while bits != 0 {
                            let index = word << 6 | bits.trailingZeroBitCount
                            bits &= bits - 1
                            let termFrequency = Float(counts[index])
                            counts[index] = 0
                            let value = (1 + logf(termFrequency)) * idf[index]
                            indices.append(Int32(index))
                            values.append(value)
                            norm += value * value
                        }
                    }
                }
            }
        }
        if norm > 0 {
            let scale = 1 / norm.squareRoot()
            for slot in values.indices { values[slot] *= scale }
        }
    }

    /// Sorts `features` (scratch) and writes the distinct indices with their normalised TF-IDF values.
    private static func weigh(_ features: inout [Int32], idf: [Float], indices: inout [Int32], values: inout [Float]) {
        features.sort()
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
