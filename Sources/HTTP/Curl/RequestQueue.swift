import Dispatch
import Synchronization

/// The jobs waiting for a worker thread, shared by the client and its workers.
///
/// Callers add jobs from any task; worker threads block in ``next()`` (they are dedicated threads, never
/// Swift's cooperative pool, so blocking there is fine). A semaphore counts queued jobs; a job removed by
/// cancellation leaves a spare signal behind, which a worker absorbs by finding the queue empty and waiting
/// again.
final class RequestQueue: Sendable {
    private struct State {
        var pending: [HTTPJob] = []
        var running: [ObjectIdentifier: HTTPJob] = [:]
        var isShutDown = false
        var liveWorkers = 0
        var exitWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())
    private let available = DispatchSemaphore(value: 0)

    /// Registers a worker thread about to start, so ``waitForWorkers()`` knows whom to wait for.
    func workerStarting() {
        state.withLock { $0.liveWorkers += 1 }
    }

    /// Queues `job`, or completes it at once when the client is shut down or the job is already cancelled. A job that
    /// must wait for a worker (every one is busy) fails at its deadline if it is still waiting then, rather than when
    /// a worker frees up: its timeout counts from the call.
    func submit(_ job: HTTPJob) {
        let (refusal, waits): (HTTPClientError?, Bool) = state.withLock { state in
            if state.isShutDown { return (HTTPClientError.shutDown.with(target: job.target), false) }
            if let stopError = job.stopError { return (stopError, false) }
            state.pending.append(job)
            return (nil, state.pending.count > state.liveWorkers - state.running.count)
        }
        if let refusal {
            job.complete(.failure(refusal))
            return
        }
        available.signal()
        if waits { expireWhenDue(job) }
    }

    /// Fails `job` at its deadline if no worker has taken it by then. Only for jobs that wait: a timer per request
    /// would keep thousands alive (a cancelled `Task.sleep` holds its timer until the deadline), where a free worker
    /// starts the job at once and checks the deadline itself.
    private func expireWhenDue(_ job: HTTPJob) {
        Task { [self] in
            try? await Task.sleep(until: job.deadline, clock: .continuous)
            if remove(job) { job.complete(.failure(job.timedOutInQueue)) }
        }
    }

    /// Takes `job` out of the queue if no worker has started it; returns whether it did.
    func remove(_ job: HTTPJob) -> Bool {
        state.withLock { state in
            guard let index = state.pending.firstIndex(where: { $0 === job }) else { return false }
            state.pending.remove(at: index)
            return true
        }
    }

    /// Blocks the calling worker thread until a job is available and returns it, marked as running; returns
    /// `nil` once the client is shut down.
    func next() -> HTTPJob? {
        while true {
            available.wait()
            let outcome: (job: HTTPJob?, stop: Bool) = state.withLock { state in
                if state.isShutDown { return (nil, true) }
                guard !state.pending.isEmpty else { return (nil, false) }
                let job = state.pending.removeFirst()
                state.running[ObjectIdentifier(job)] = job
                return (job, false)
            }
            if outcome.stop { return nil }
            if let job = outcome.job { return job }
        }
    }

    /// Marks `job` as no longer running.
    func finished(_ job: HTTPJob) {
        _ = state.withLock { $0.running.removeValue(forKey: ObjectIdentifier(job)) }
    }

    /// Stops the queue: fails waiting jobs with ``HTTPClientError/shutDown``, asks running transfers to stop,
    /// and wakes every worker so that it exits. Safe to call more than once.
    func shutDown() {
        let (pending, running, workers): ([HTTPJob], [HTTPJob], Int) = state.withLock { state in
            guard !state.isShutDown else { return ([], [], 0) }
            state.isShutDown = true
            let pending = state.pending
            state.pending = []
            return (pending, Array(state.running.values), state.liveWorkers)
        }
        for job in running {
            job.stopForShutdown()
        }
        for job in pending {
            job.complete(.failure(HTTPClientError.shutDown.with(target: job.target)))
        }
        for _ in 0..<workers {
            available.signal()
        }
    }

    /// Called by a worker thread as its last action.
    func workerExited() {
        let waiters: [CheckedContinuation<Void, Never>] = state.withLock { state in
            state.liveWorkers -= 1
            guard state.liveWorkers == 0 else { return [] }
            let waiters = state.exitWaiters
            state.exitWaiters = []
            return waiters
        }
        for waiter in waiters {
            waiter.resume()
        }
    }

    /// Suspends until every worker thread has exited (after ``shutDown()``).
    func waitForWorkers() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state in
                guard state.liveWorkers > 0 else { return true }
                state.exitWaiters.append(continuation)
                return false
            }
            if done {
                continuation.resume()
            }
        }
    }
}
