/// Collects latencies and reads exact nearest-rank percentiles from them.
///
/// A million turns take 8 MB; exact figures are worth that over a sketch's approximations.
struct LatencyDistribution {
    private var values: [Int64] = []

    /// Range bounds for the histogram, in microseconds.
    static let bucketBounds: [Int64] = [5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 2_000_000]

    /// Adds one latency; negative values (unknown) are left out.
    mutating func add(_ microseconds: Int64) {
        if microseconds >= 0 { values.append(microseconds) }
    }

    func summary() -> OperatorReport.Latency {
        let sorted = values.sorted()
        var histogram = Self.bucketBounds.map { OperatorReport.Latency.Bucket(below: $0, count: 0) }
        histogram.append(.init(below: nil, count: 0))
        var bucket = 0
        for value in sorted {
            while bucket < Self.bucketBounds.count, value >= Self.bucketBounds[bucket] { bucket += 1 }
            histogram[bucket].count += 1
        }
        let total = sorted.reduce(0.0) { $0 + Double($1) }
        return OperatorReport.Latency(
            count: sorted.count, p50: Self.percentile(50, of: sorted), p95: Self.percentile(95, of: sorted),
            p99: Self.percentile(99, of: sorted), mean: sorted.isEmpty ? 0 : total / Double(sorted.count),
            max: sorted.last ?? 0, histogram: histogram
        )
    }

    /// The nearest-rank percentile: the smallest value with at least `percent`% of values at or below it.
    static func percentile(_ percent: Int, of sorted: [Int64]) -> Int64 {
        guard !sorted.isEmpty else { return 0 }
        let rank = (percent * sorted.count + 99) / 100  // ceil(percent/100 × n)
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }
}
