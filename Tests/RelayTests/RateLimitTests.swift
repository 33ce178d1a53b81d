import HTTPTypes
import Testing

@testable import Relay

/// Token buckets, with an explicit clock.
@Suite struct RateLimitTests {
    private let start = ContinuousClock.now

    @Test func burstThenRefill() {
        let rate = RelayConfiguration.Rate(perSecond: 2, burst: 3)
        var bucket = TokenBucket(rate: rate, now: start)
        for _ in 0..<3 { #expect(bucket.take(rate: rate, now: start) == nil) }
        let wait = bucket.take(rate: rate, now: start)
        #expect(wait == .milliseconds(500))
        #expect(bucket.take(rate: rate, now: start + .milliseconds(500)) == nil)
        #expect(bucket.isFull(rate: rate, now: start + .seconds(10)))
    }

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
