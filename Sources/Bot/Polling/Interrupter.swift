import Synchronization

/// Runs one operation at a time so that another task can cancel it: the watchdog restarts a stuck poll with
/// ``interrupt()``, graceful shutdown ends polling with ``stop()``.
///
/// The operation runs in a child `Task` that the caller awaits at once, so it never outlives the call.
final class Interrupter: Sendable {
    private struct State {
        var cancelCurrent: (@Sendable () -> Void)?
        var stopped = false
        var generation = 0
    }

    private let state = Mutex(State())

    /// Whether ``stop()`` was called.
    var isStopped: Bool { state.withLock { $0.stopped } }

    /// Runs `operation`; ``interrupt()`` or ``stop()`` cancel it (as does cancelling the calling task). After
    /// ``stop()`` the operation starts already cancelled.
    func run<T: Sendable>(_ operation: @escaping @Sendable () async -> T) async -> T {
        let task = Task { await operation() }
        let generation = state.withLock { state -> Int? in
            if state.stopped { return nil }
            state.generation += 1
            state.cancelCurrent = { task.cancel() }
            return state.generation
        }
        if generation == nil { task.cancel() }
        let result = await withTaskCancellationHandler {
            await task.value
        } onCancel: {
            task.cancel()
        }
        state.withLock { state in
            if state.generation == generation { state.cancelCurrent = nil }
        }
        return result
    }

    /// Cancels the running operation, if any; the next one runs normally.
    func interrupt() {
        let cancel = state.withLock { $0.cancelCurrent }
        cancel?()
    }

    /// Cancels the running operation and every later one.
    func stop() {
        let cancel = state.withLock { state in
            state.stopped = true
            return state.cancelCurrent
        }
        cancel?()
    }
}
