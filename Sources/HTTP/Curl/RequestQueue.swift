import Synchronization

/// The jobs waiting for the client's transfer thread, shared by the client and that thread.
///
/// Callers add jobs from any task; the transfer thread (``CurlMultiLoop``) takes them between rounds of libcurl's
/// multi interface, at most ``capacity`` running at once. Each ``take(max:)`` marks the thread as heading for
/// `curl_multi_poll`; the first submission after it wakes the thread (libcurl keeps the wake-up, so the next poll
/// returns at once) and later ones only queue. So the thread is woken at most once a round, however many requests
/// arrive, where a worker per transfer was woken once a request.
final class RequestQueue: Sendable {
    private struct State {
        var pending: [HTTPJob] = []
        var running: [ObjectIdentifier: HTTPJob] = [:]
        var isShutDown = false
        /// Wakes the transfer thread from `curl_multi_poll`; nil once the thread stops.
        var wake: (@Sendable () -> Void)?
        /// Whether the transfer thread may be asleep in `curl_multi_poll`, or on its way there, without a wake-up.
        var isPolling = false
        /// Whether the transfer thread runs (from ``loopStarting(wake:)`` to ``loopExited()``).
        var isRunning = false
        /// Set when the transfer thread could not start: every job fails with it.
        var startFailure: String?
        var exitWaiters: [CheckedContinuation<Void, Never>] = []
    }

    /// The most transfers that run at once; further jobs wait in the queue.
    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Registers the transfer thread about to start and how to wake it.
    func loopStarting(wake: @escaping @Sendable () -> Void) {
        state.withLock { state in
            state.isRunning = true
            state.wake = wake
        }
    }

    /// Records that the transfer thread could not start (libcurl unusable): every job fails with `reason`.
    func loopCannotStart(_ reason: String) {
        state.withLock { $0.startFailure = reason }
    }

    /// Queues `job`, or completes it at once when the client is shut down or the job is already cancelled. A job that
    /// must wait for a free slot (``capacity`` transfers are running) fails at its deadline if it is still waiting
    /// then, rather than when a slot frees up: its timeout counts from the call.
    func submit(_ job: HTTPJob) {
        let (refusal, waits): (HTTPClientError?, Bool) = state.withLock { state in
            if state.isShutDown { return (HTTPClientError.shutDown.with(target: job.target), false) }
            if let reason = state.startFailure { return (HTTPClientError.other.with(target: job.target, detail: reason), false) }
            if let stopError = job.stopError { return (stopError, false) }
            state.pending.append(job)
            let waits = state.pending.count > capacity - state.running.count
            if state.isPolling, !waits {
                // Under the lock, so that the thread cannot exit (and free its multi handle) in between.
                state.isPolling = false
                state.wake?()
            }
            return (nil, waits)
        }
        if let refusal {
            job.complete(.failure(refusal))
            return
        }
        if waits { expireWhenDue(job) }
    }

    /// Fails `job` at its deadline if it has not started by then. Only for jobs that wait: a timer per request
    /// would keep thousands alive (a cancelled `Task.sleep` holds its timer until the deadline), where a job with
    /// a free slot starts at once and its transfer keeps the deadline itself.
    private func expireWhenDue(_ job: HTTPJob) {
        Task { [self] in
            try? await Task.sleep(until: job.deadline, clock: .continuous)
            if remove(job) { job.complete(.failure(job.timedOutInQueue)) }
        }
    }

    /// Takes `job` out of the queue if it has not started; returns whether it did.
    func remove(_ job: HTTPJob) -> Bool {
        state.withLock { state in
            guard let index = state.pending.firstIndex(where: { $0 === job }) else { return false }
            state.pending.remove(at: index)
            return true
        }
    }

    /// Called by the transfer thread between rounds: up to `max` waiting jobs, marked as running, and whether the
    /// client is shut down. From here until the next call, a submission wakes the thread.
    func take(max: Int) -> (jobs: [HTTPJob], isShutDown: Bool) {
        state.withLock { state in
            state.isPolling = true
            guard !state.isShutDown else { return ([], true) }
            let count = min(Swift.max(0, max), state.pending.count)
            guard count > 0 else { return ([], false) }
            let jobs = Array(state.pending.prefix(count))
            state.pending.removeFirst(count)
            for job in jobs { state.running[ObjectIdentifier(job)] = job }
            return (jobs, false)
        }
    }

    /// Whether jobs wait to be taken.
    var hasWaitingJobs: Bool {
        state.withLock { !$0.pending.isEmpty }
    }

    /// Marks `job` as no longer running.
    func finished(_ job: HTTPJob) {
        _ = state.withLock { $0.running.removeValue(forKey: ObjectIdentifier(job)) }
    }

    /// Stops the queue: fails waiting jobs with ``HTTPClientError/shutDown``, asks running transfers to stop,
    /// and wakes the transfer thread so that it ends them and exits. Safe to call more than once.
    func shutDown() {
        let (pending, running): ([HTTPJob], [HTTPJob]) = state.withLock { state in
            guard !state.isShutDown else { return ([], []) }
            state.isShutDown = true
            let pending = state.pending
            state.pending = []
            return (pending, Array(state.running.values))
        }
        for job in running {
            job.stopForShutdown()
        }
        for job in pending {
            job.complete(.failure(HTTPClientError.shutDown.with(target: job.target)))
        }
        nudge()
    }

    /// Wakes the transfer thread, so that it looks at its transfers now (one was cancelled, or the client stops).
    func nudge() {
        state.withLock { state in
            state.isPolling = false
            state.wake?()
        }
    }

    /// Called by the transfer thread before it frees its multi handle: nothing may wake it afterwards.
    func loopStopping() {
        state.withLock { $0.wake = nil }
    }

    /// Called by the transfer thread as its last action, once its connections are closed.
    func loopExited() {
        let waiters: [CheckedContinuation<Void, Never>] = state.withLock { state in
            state.isRunning = false
            let waiters = state.exitWaiters
            state.exitWaiters = []
            return waiters
        }
        for waiter in waiters {
            waiter.resume()
        }
    }

    /// Suspends until the transfer thread has exited (after ``shutDown()``).
    func waitForLoop() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state in
                guard state.isRunning else { return true }
                state.exitWaiters.append(continuation)
                return false
            }
            if done {
                continuation.resume()
            }
        }
    }
}
