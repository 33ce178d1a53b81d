@testable import Bot
import Testing

/// The delivery workers' doorbell: a ring wakes as many waiters as there is new work for, and a ring with no one
/// waiting is kept for the next waiter. A bell that loses a ring would hang a wait: the time limit turns that into a
/// failure.
@Suite(.timeLimit(.minutes(1))) struct DoorbellTests {
    @Test func aRingForOneWakesOneWaiterAndLeavesTheOthersWaiting() async {
        let bell = Doorbell()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<3 {
                group.addTask { await bell.wait(until: nil) }
            }
            await eventually("three waiters") { bell.waiterCount == 3 }
            bell.ring(waking: 1)
            await group.next()
            #expect(bell.waiterCount == 2)
            bell.ring()
            var woken = 1
            for await _ in group { woken += 1 }
            #expect(woken == 3)
            #expect(bell.waiterCount == 0)
        }
    }

    @Test func aRingWithNoOneWaitingLetsTheNextWaitReturnAtOnce() async {
        let bell = Doorbell()
        bell.ring(waking: 2)
        await bell.wait(until: nil)
        #expect(bell.waiterCount == 0)
    }
}
