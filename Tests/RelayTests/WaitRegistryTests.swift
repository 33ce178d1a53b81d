import HTTPTypes
import SharedTestSupport
import Testing

@testable import Relay

/// The long-poll wake-up registry, without any I/O.
@Suite struct WaitRegistryTests {
    @Test func aNotifyBeforeTheWaitIsNotLost() async {
        let registry = WaitRegistry<Int>(maxWaiting: 10)
        let ticket = registry.register(1)
        registry.notify(1)
        let started = ContinuousClock.now
        #expect(await registry.wait(ticket, timeout: TestSlowdown.scaled(.seconds(30))) == .notified)
        #expect(started.duration(to: .now) < TestSlowdown.scaled(.seconds(25)))
        registry.unregister(ticket)
    }

    @Test func aNotifyWakesAWaiter() async throws {
        let registry = WaitRegistry<Int>(maxWaiting: 10)
        let ticket = registry.register(7)
        async let reason = registry.wait(ticket, timeout: TestSlowdown.scaled(.seconds(30)))
        let start = ContinuousClock.now
        while registry.waitingCount(for: 7) == 0 {
            try #require(start.duration(to: .now) < TestSlowdown.scaled(.seconds(25)))
            await Task.yield()
        }
        registry.notify(8)  // another key: no effect
        #expect(registry.waitingCount(for: 7) == 1)
        registry.notify(7)
        #expect(await reason == .notified)
        registry.unregister(ticket)
        #expect(registry.waitingCount(for: 7) == 0)
    }

    @Test func timeout() async {
        let registry = WaitRegistry<Int>(maxWaiting: 10)
        let ticket = registry.register(1)
        #expect(await registry.wait(ticket, timeout: .milliseconds(50)) == .timedOut)
        registry.unregister(ticket)
    }

    @Test("a short wait times out while a long one keeps waiting, and the long one still wakes")
    func shortAndLongWaits() async throws {
        let registry = WaitRegistry<Int>(maxWaiting: 10)
        let long = registry.register(1)
        async let longReason = registry.wait(long, timeout: TestSlowdown.scaled(.seconds(60)))
        let start = ContinuousClock.now
        while registry.waitingCount(for: 1) == 0 {
            try #require(start.duration(to: .now) < TestSlowdown.scaled(.seconds(25)))
            await Task.yield()
        }
        let short = registry.register(2)
        // Timed from the short wait itself, not from before the long one was set up: in a loaded whole-suite run
        // getting the long wait suspended took most of a minute.
        let shortStart = ContinuousClock.now
        #expect(await registry.wait(short, timeout: .milliseconds(100)) == .timedOut)
        #expect(shortStart.duration(to: .now) < TestSlowdown.scaled(.seconds(30)))
        #expect(registry.waitingCount(for: 1) == 1)
        registry.unregister(short)
        // A second round after the sweeper may have stopped and started again.
        let again = registry.register(3)
        #expect(await registry.wait(again, timeout: .milliseconds(10)) == .timedOut)
        registry.unregister(again)
        registry.notify(1)
        #expect(await longReason == .notified)
        registry.unregister(long)
    }

    @Test func anExclusiveRegistrationDisplacesEarlierOnes() async throws {
        let registry = WaitRegistry<String>(maxWaiting: 10)
        let first = registry.register("bot", exclusive: true)
        async let firstReason = registry.wait(first, timeout: TestSlowdown.scaled(.seconds(30)))
        let start = ContinuousClock.now
        while registry.waitingCount(for: "bot") == 0 {
            try #require(start.duration(to: .now) < TestSlowdown.scaled(.seconds(25)))
            await Task.yield()
        }
        let second = registry.register("bot", exclusive: true)
        #expect(await firstReason == .conflict)
        registry.notify("bot")
        #expect(await registry.wait(second, timeout: TestSlowdown.scaled(.seconds(30))) == .notified)
        registry.unregister(first)
        registry.unregister(second)
    }

    @Test func shutdownEndsWaitsAndLaterWaits() async throws {
        let registry = WaitRegistry<Int>(maxWaiting: 10)
        let ticket = registry.register(1)
        async let reason = registry.wait(ticket, timeout: TestSlowdown.scaled(.seconds(30)))
        let start = ContinuousClock.now
        while registry.waitingCount(for: 1) == 0 {
            try #require(start.duration(to: .now) < TestSlowdown.scaled(.seconds(25)))
            await Task.yield()
        }
        registry.shutdown()
        #expect(await reason == .shutdown)
        let later = registry.register(2)
        #expect(await registry.wait(later, timeout: TestSlowdown.scaled(.seconds(30))) == .shutdown)
    }

    @Test func waitsBeyondTheCapReturnAtOnce() async throws {
        let registry = WaitRegistry<Int>(maxWaiting: 1)
        let first = registry.register(1)
        async let firstReason = registry.wait(first, timeout: TestSlowdown.scaled(.seconds(30)))
        let start = ContinuousClock.now
        while registry.waitingCount(for: 1) == 0 {
            try #require(start.duration(to: .now) < TestSlowdown.scaled(.seconds(25)))
            await Task.yield()
        }
        let second = registry.register(1)
        #expect(await registry.wait(second, timeout: TestSlowdown.scaled(.seconds(30))) == .timedOut)
        registry.notify(1)
        #expect(await firstReason == .notified)
    }

    @Test func cancellationEndsAWait() async {
        let registry = WaitRegistry<Int>(maxWaiting: 10)
        let ticket = registry.register(1)
        let task = Task { await registry.wait(ticket, timeout: TestSlowdown.scaled(.seconds(30))) }
        task.cancel()
        #expect(await task.value == .cancelled)
    }
}
