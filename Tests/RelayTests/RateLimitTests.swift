import HTTPTypes
import Testing

@testable import Relay

/// The relay's rate limiter over the shared token bucket (tested in RateLimitingTests), with an explicit clock.
@Suite struct RateLimitTests {
    private let start = ContinuousClock.now

    @Test func limiterRoundsRetryAfterUpToWholeSeconds() {
        let limiter = RateLimiter<String>(rate: .init(perSecond: 0.25, burst: 1))
        #expect(limiter.acquire("a", now: start) == .allowed)
        #expect(limiter.acquire("a", now: start) == .limited(retryAfter: 4))
        #expect(limiter.acquire("b", now: start) == .allowed)
        #expect(limiter.acquire("a", now: start + .seconds(4)) == .allowed)
    }

    @Test func limiterForgetsIdleKeysWhenFull() {
        let limiter = RateLimiter<Int>(rate: .init(perSecond: 1, burst: 1), maxKeys: 2)
        #expect(limiter.acquire(1, now: start) == .allowed)
        #expect(limiter.acquire(2, now: start) == .allowed)
        // Later, both buckets are full again and may be forgotten to make room.
        #expect(limiter.acquire(3, now: start + .seconds(5)) == .allowed)
        #expect(limiter.acquire(3, now: start + .seconds(5)) == .limited(retryAfter: 1))
    }
}
