import Synchronization

/// Wakes tasks that wait for work: ``ring(waking:)`` resumes as many waiters as there is new work for (every
/// waiter by default), or lets the next one to wait return at once when fewer wait.
///
/// Waking only as many as needed matters under load: the delivery's workers are idle most of the time, and a bell
/// that woke all of them for each new reply cost several task switches per message for workers that found nothing.
final class Doorbell: Sendable {
    private struct State {
        var rung = false
        var nextID = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    /// Wakes up to `count` waiters, the longest waiting first (every waiter when nil); when fewer wait, the next
    /// ``wait(until:)`` returns at once.
    func ring(waking count: Int? = nil) {
        let woken = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            let wanted = count ?? state.waiters.count
            guard wanted < state.waiters.count else {
                let woken = Array(state.waiters.values)
                state.waiters.removeAll()
                if woken.count < max(1, wanted) { state.rung = true }
                return woken
            }
            var woken: [CheckedContinuation<Void, Never>] = []
            for id in state.waiters.keys.sorted().prefix(wanted) {
                if let waiter = state.waiters.removeValue(forKey: id) { woken.append(waiter) }
            }
            return woken
        }
        for waiter in woken { waiter.resume() }
    }

    /// Tasks waiting now (for tests).
    var waiterCount: Int { state.withLock { $0.waiters.count } }

    /// Returns when the bell rings, at `deadline` (when given), or when the task is cancelled.
    func wait(until deadline: ContinuousClock.Instant?) async {
        guard let deadline else {
            await waitForRing()
            return
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForRing() }
            group.addTask { try? await Task.sleep(until: deadline, clock: .continuous) }
            await group.next()
            group.cancelAll()
        }
    }

    private func waitForRing() async {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.rung || Task.isCancelled {
                        state.rung = false
                        return true
                    }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }
}
