/// Retry delays that grow exponentially from an initial delay to a maximum, with random jitter so that many
/// clients do not retry in step; ``reset()`` after a success.
///
/// The n-th delay (from 0) is `initial × 2ⁿ` capped at `maximum`, then multiplied by a random factor in
/// `1 ± jitter`, and never more than `maximum`.
struct Backoff: Sendable, Equatable {
    var initial: Duration
    var maximum: Duration
    /// The fraction of the delay that is random: 0.2 gives delays between 80 % and 120 % of the base.
    var jitter: Double = 0.2
    /// Failures since the last reset.
    private(set) var attempt = 0

    init(initial: Duration, maximum: Duration, jitter: Double = 0.2) {
        self.initial = initial
        self.maximum = max(initial, maximum)
        self.jitter = jitter
    }

    /// The base delay of the next retry, before jitter.
    var nextBase: Duration {
        let factor = Double(1 << min(attempt, 30))
        return min(maximum, initial * factor)
    }

    /// The delay before the next retry; counts a failure.
    mutating func next(using generator: inout some RandomNumberGenerator) -> Duration {
        let base = nextBase
        attempt += 1
        let factor = jitter > 0 ? Double.random(in: (1 - jitter)...(1 + jitter), using: &generator) : 1
        return min(maximum, base * factor)
    }

    /// The delay before the next retry, with the system's random numbers.
    mutating func next() -> Duration {
        var generator = SystemRandomNumberGenerator()
        return next(using: &generator)
    }

    /// After a success: the next failure waits the initial delay again.
    mutating func reset() {
        attempt = 0
    }
}
