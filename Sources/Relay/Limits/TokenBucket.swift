/// A token bucket: a pure value that decides whether one more request fits a ``RelayConfiguration/Rate``.
struct TokenBucket: Sendable, Equatable {
    private(set) var tokens: Double
    private(set) var updated: ContinuousClock.Instant

    /// A full bucket.
    init(rate: RelayConfiguration.Rate, now: ContinuousClock.Instant) {
        tokens = rate.burst
        updated = now
    }

    /// Takes one token. Returns nil when allowed, or how long until a token is available.
    mutating func take(rate: RelayConfiguration.Rate, now: ContinuousClock.Instant) -> Duration? {
        refill(rate: rate, now: now)
        if tokens >= 1 {
            tokens -= 1
            return nil
        }
        guard rate.perSecond > 0 else { return .seconds(3600) }
        return .seconds((1 - tokens) / rate.perSecond)
    }

    /// True when the bucket has refilled completely, so forgetting it changes nothing.
    func isFull(rate: RelayConfiguration.Rate, now: ContinuousClock.Instant) -> Bool {
        var copy = self
        copy.refill(rate: rate, now: now)
        return copy.tokens >= rate.burst
    }

    private mutating func refill(rate: RelayConfiguration.Rate, now: ContinuousClock.Instant) {
        let elapsed = updated.duration(to: now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        tokens = min(rate.burst, tokens + max(0, seconds) * rate.perSecond)
        updated = now
    }
}
