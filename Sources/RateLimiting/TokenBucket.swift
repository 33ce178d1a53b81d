/// A token bucket: `rate` tokens a second refill it, up to `burst`; each request or message takes one.
///
/// A pure value: the caller passes the time, so tests move it by hand. The relay keeps one per client address
/// and chat (``takeIfAvailable(at:)``: refuse when empty); the daemon's delivery queue one per chat and one overall
/// (``waitTime(at:)`` then ``take(at:)``: wait when empty).
public struct TokenBucket: Sendable, Equatable {
    /// Tokens added per second; 0 means the bucket never refills.
    public let rate: Double
    /// The most tokens the bucket holds (at least 1): how many requests may come at once.
    public let burst: Double
    /// The tokens left at ``updated``.
    public private(set) var tokens: Double
    /// When ``tokens`` was last brought up to date.
    public private(set) var updated: ContinuousClock.Instant

    /// A full bucket.
    public init(rate: Double, burst: Double, now: ContinuousClock.Instant) {
        self.rate = max(0, rate)
        self.burst = max(1, burst)
        self.tokens = self.burst
        self.updated = now
    }

    /// How long until a token is available; zero when one is. An hour when the bucket never refills.
    public mutating func waitTime(at now: ContinuousClock.Instant) -> Duration {
        refill(at: now)
        if tokens >= 1 { return .zero }
        guard rate > 0 else { return .seconds(3600) }
        return .seconds((1 - tokens) / rate)
    }

    /// Takes a token whether or not one is available (call after ``waitTime(at:)`` said zero).
    public mutating func take(at now: ContinuousClock.Instant) {
        refill(at: now)
        tokens -= 1
    }

    /// Takes a token when one is available and returns nil; otherwise takes nothing and returns how long until one is.
    public mutating func takeIfAvailable(at now: ContinuousClock.Instant) -> Duration? {
        let wait = waitTime(at: now)
        guard wait == .zero else { return wait }
        tokens -= 1
        return nil
    }

    /// Whether the bucket has refilled completely at `now`, so forgetting it changes nothing.
    public func isFull(at now: ContinuousClock.Instant) -> Bool {
        var copy = self
        copy.refill(at: now)
        return copy.tokens >= burst
    }

    private mutating func refill(at now: ContinuousClock.Instant) {
        guard now > updated else { return }
        let elapsed = updated.duration(to: now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        tokens = min(burst, tokens + seconds * rate)
        updated = now
    }
}
