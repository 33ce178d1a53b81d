@testable import Bot
import Channels
import Testing
import TurnLogTesting

/// The retry schedule: 1 s doubling to 60 s with jitter, reset after success; what each poll failure leads to.
struct BackoffTests {
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    @Test func delaysDoubleFromOneSecondToAtMostSixtyWithJitter() {
        var backoff = Backoff(initial: .seconds(1), maximum: .seconds(60))
        var generator = SeededGenerator(seed: 42)
        let bases: [Double] = [1, 2, 4, 8, 16, 32, 60, 60, 60, 60]
        var delays: [Double] = []
        for base in bases {
            #expect(Self.seconds(backoff.nextBase) == base)
            let delay = Self.seconds(backoff.next(using: &generator))
            delays.append(delay)
            #expect(delay >= base * 0.8 - 1e-9)
            #expect(delay <= min(60, base * 1.2) + 1e-9)
        }
        // Jitter: the capped delays are not all the same.
        #expect(Set(delays.suffix(4)).count > 1)
    }

    @Test func successResetsToTheInitialDelay() {
        var backoff = Backoff(initial: .seconds(1), maximum: .seconds(60))
        for _ in 0..<8 { _ = backoff.next() }
        #expect(backoff.nextBase == .seconds(60))
        backoff.reset()
        #expect(backoff.nextBase == .seconds(1))
        #expect(backoff.attempt == 0)
    }

    @Test func manyFailuresNeverOverflow() {
        var backoff = Backoff(initial: .seconds(1), maximum: .seconds(60))
        for _ in 0..<200 { #expect(backoff.next() <= .seconds(60)) }
    }

    @Test func pollFailuresMapToActions() {
        var backoff = Backoff(initial: .seconds(1), maximum: .seconds(60), jitter: 0)
        var generator = SeededGenerator(seed: 1)
        func action(_ kind: ChannelError.Kind, retryAfter: Duration? = nil) -> PollFailurePolicy.Action {
            PollFailurePolicy.action(
                for: ChannelError(kind, method: "getUpdates", retryAfter: retryAfter), backoff: &backoff, using: &generator)
        }
        #expect(action(.unauthorized) == .exit)
        #expect(action(.notFound) == .exit)
        #expect(action(.cancelled) == .retryNow)
        // 429 waits exactly what the server asked and does not grow the backoff.
        guard case .wait(let asked, _) = action(.rateLimited, retryAfter: .seconds(7)) else {
            Issue.record("429 should wait")
            return
        }
        #expect(asked == .seconds(7))
        #expect(backoff.attempt == 0)
        // 409, 5xx, transport and malformed answers back off: 1, 2, 4, 8 s.
        var waits: [Duration] = []
        for kind in [ChannelError.Kind.conflict, .serverError, .transport, .malformedResponse] {
            guard case .wait(let delay, let reason) = action(kind) else {
                Issue.record("\(kind) should wait")
                return
            }
            waits.append(delay)
            if kind == .conflict { #expect(reason.contains("another poller")) }
        }
        #expect(waits == [.seconds(1), .seconds(2), .seconds(4), .seconds(8)])
    }
}
