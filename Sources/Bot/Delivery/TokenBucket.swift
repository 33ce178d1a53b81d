/// A token bucket: `rate` tokens a second refill it, up to `burst`; each message takes one.
struct TokenBucket: Sendable, Equatable {
    var rate: Double
    var burst: Double
    private var tokens: Double
    private var updated: ContinuousClock.Instant

    /// A full bucket.
    init(rate: Double, burst: Double, now: ContinuousClock.Instant) {
        self.rate = rate
        self.burst = max(1, burst)
        self.tokens = max(1, burst)
        self.updated = now
    }

    /// How long until a token is available; zero when one is.
    mutating func waitTime(at now: ContinuousClock.Instant) -> Duration {
        refill(at: now)
        if tokens >= 1 { return .zero }
        return .seconds((1 - tokens) / rate)
    }

    /// Takes a token (call after ``waitTime(at:)`` said zero).
    mutating func take(at now: ContinuousClock.Instant) {
        refill(at: now)
        tokens -= 1
    }

    /// Whether the bucket is full again, so forgetting it changes nothing.
    mutating func isFull(at now: ContinuousClock.Instant) -> Bool {
        refill(at: now)
        return tokens >= burst
    }

    private mutating func refill(at now: ContinuousClock.Instant) {
        guard now > updated else { return }
        let elapsed = updated.duration(to: now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        tokens = min(burst, tokens + seconds * rate)
        updated = now
    }
}
