#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The training set as TF-IDF rows in three flat arrays (compressed sparse rows), so training keeps no
/// per-example arrays alive: row `r` is `indices[offsets[r]..<offsets[r + 1]]` with the same `values`.
///
/// Rows are added as raw feature indices (repeats count as term frequency) and stored sorted and
/// distinct with `1 + ln tf`; `weigh(by:)` then multiplies by the inverse document frequency and
/// L2-normalises each row, exactly as `SparseVector` does for a single message.
struct DocumentMatrix {
    private(set) var offsets: [Int32] = [0]
    private(set) var indices: [Int32] = []
    private(set) var values: [Float] = []
    private(set) var labels: [Int32] = []

    var rowCount: Int { labels.count }

    /// Appends one row; `features` is used as scratch space and left sorted.
    mutating func append(features: inout [Int32], label: Int) {
        features.sort()
        var position = 0
        while position < features.count {
            let index = features[position]
            var end = position + 1
            while end < features.count, features[end] == index { end += 1 }
            indices.append(index)
            values.append(1 + logf(Float(end - position)))
            position = end
        }
        offsets.append(Int32(indices.count))
        labels.append(Int32(label))
    }

    /// In how many rows each feature occurs.
    func documentFrequencies(featureCount: Int) -> [Int32] {
        var frequencies = [Int32](repeating: 0, count: featureCount)
        for index in indices { frequencies[Int(index)] += 1 }
        return frequencies
    }

    /// Multiplies every value by its feature's `idf` and L2-normalises each row; also gives back the
    /// capacity the arrays grew into beyond what they hold.
    mutating func weigh(by idf: [Float]) {
        indices = Self.fitted(indices)
        values = Self.fitted(values)
        let (offsets, indices, rows) = (offsets, indices, rowCount)
        values.withUnsafeMutableBufferPointer { values in
            for row in 0..<rows {
                let range = Int(offsets[row])..<Int(offsets[row + 1])
                var norm: Float = 0
                for slot in range {
                    values[slot] *= idf[Int(indices[slot])]
                    norm += values[slot] * values[slot]
                }
                guard norm > 0 else { continue }
                let scale = 1 / norm.squareRoot()
                for slot in range { values[slot] *= scale }
            }
        }
    }

    /// Calls `body` with the row data, for the training loop.
    func withUnsafeRows<Result>(
        _ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Float>) -> Result
    ) -> Result {
        indices.withUnsafeBufferPointer { indices in
            values.withUnsafeBufferPointer { values in body(indices, values) }
        }
    }

    /// A copy of `array` whose capacity is its count, when growth left much unused.
    private static func fitted<Element>(_ array: [Element]) -> [Element] {
        guard array.capacity > array.count + array.count / 8 else { return array }
        return [Element](unsafeUninitializedCapacity: array.count) { buffer, count in
            _ = array.withUnsafeBufferPointer { buffer.initialize(fromContentsOf: $0) }
            count = array.count
        }
    }
}
