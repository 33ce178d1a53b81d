import RateLimiting
import Testing

/// The shared token bucket, with time passed by hand.
@Suite struct TokenBucketTests {
    private let start = ContinuousClock.now

    @Test func burstThenRefill() {
        var bucket = TokenBucket(rate: 2, burst: 3, now: start)
        for _ in 0..<3 { #expect(bucket.takeIfAvailable(at: start) == nil) }
        #expect(bucket.takeIfAvailable(at: start) == .milliseconds(500))
        #expect(bucket.takeIfAvailable(at: start + .milliseconds(500)) == nil)
        #expect(!bucket.isFull(at: start + .seconds(1)))
        #expect(bucket.isFull(at: start + .seconds(10)))
    }

    @Test func refusedTakeLeavesTheBucketAlone() {
        var bucket = TokenBucket(rate: 1, burst: 1, now: start)
        #expect(bucket.takeIfAvailable(at: start) == nil)
        for _ in 0..<5 { #expect(bucket.takeIfAvailable(at: start) == .seconds(1)) }
        #expect(bucket.takeIfAvailable(at: start + .seconds(1)) == nil)
    }

    @Test func waitThenTakeSpacesMessages() {
        var bucket = TokenBucket(rate: 30, burst: 30, now: start)
        for _ in 0..<30 {
            #expect(bucket.waitTime(at: start) == .zero)
            bucket.take(at: start)
        }
        let wait = bucket.waitTime(at: start)
        #expect(wait > .milliseconds(33) && wait < .milliseconds(34))
        #expect(bucket.waitTime(at: start + wait) == .zero)
    }

    @Test func zeroRateNeverRefillsAndBurstIsAtLeastOne() {
        var bucket = TokenBucket(rate: 0, burst: 0.2, now: start)
        #expect(bucket.burst == 1)
        #expect(bucket.takeIfAvailable(at: start) == nil)
        #expect(bucket.takeIfAvailable(at: start + .seconds(100)) == .seconds(3600))
    }

    @Test func timeGoingBackwardsChangesNothing() {
        var bucket = TokenBucket(rate: 1, burst: 1, now: start + .seconds(5))
        #expect(bucket.takeIfAvailable(at: start + .seconds(5)) == nil)
        #expect(bucket.takeIfAvailable(at: start) == .seconds(1))
    }
}
