import Synchronization

/// One queued or running request: what to send, when to give up, and how to hand the result back.
///
/// Shared between the calling task (which may cancel it) and the transfer thread (which runs it), so every mutable
/// part is an `Atomic` or sits in a `Mutex`.
final class HTTPJob: Sendable {
    let request: HTTPRequest
    /// The instant the caller's timeout runs out; time spent in the queue counts too.
    let deadline: ContinuousClock.Instant
    /// The redacted URL, for errors and logs; computed only when one needs it (parsing the URL cost about 0.5% of
    /// the daemon's CPU when it was computed for every request).
    var target: String { request.redactedURL }

    /// Whether the job may run, or why it must stop (a ``Stop`` raw value).
    private let stopReason = Atomic<UInt8>(Stop.running.rawValue)
    private let continuation = Mutex<CheckedContinuation<Result<HTTPResponse, HTTPClientError>, Never>?>(nil)

    init(request: HTTPRequest, deadline: ContinuousClock.Instant) {
        self.request = request
        self.deadline = deadline
    }

    private enum Stop: UInt8 {
        case running = 0
        case cancelled = 1
        case shutDown = 2
    }

    /// Whether the job must stop. Read by the transfer's progress callback about once a second or more often.
    var isCancelled: Bool {
        stopReason.load(ordering: .relaxed) != Stop.running.rawValue
    }

    /// The error a stopped job ends with: ``HTTPClientError/cancelled`` when the caller's task was cancelled,
    /// ``HTTPClientError/shutDown`` when the client was shut down; `nil` while the job may run.
    var stopError: HTTPClientError? {
        switch Stop(rawValue: stopReason.load(ordering: .relaxed)) {
        case .cancelled: .cancelled.with(target: target)
        case .shutDown: .shutDown.with(target: target)
        case .running, nil: nil
        }
    }

    /// The error of a job whose deadline passed before it could start.
    var timedOutInQueue: HTTPClientError {
        .timedOut.with(target: target, detail: "the timeout ran out before the request could start (all connections were busy)")
    }

    /// Asks the transfer thread to stop the transfer because the calling task was cancelled.
    func cancel() {
        _ = stopReason.compareExchange(
            expected: Stop.running.rawValue, desired: Stop.cancelled.rawValue, ordering: .relaxed)
    }

    /// Asks the transfer thread to stop the transfer because the client is shutting down.
    func stopForShutdown() {
        _ = stopReason.compareExchange(
            expected: Stop.running.rawValue, desired: Stop.shutDown.rawValue, ordering: .relaxed)
    }

    /// Installs the continuation that ``complete(_:)`` resumes. Called before the job is queued, so every
    /// completion finds it.
    func install(_ continuation: CheckedContinuation<Result<HTTPResponse, HTTPClientError>, Never>) {
        self.continuation.withLock { $0 = continuation }
    }

    /// Hands the result to the caller. Only the first call has an effect, so a cancelled job that was also
    /// finished by the transfer thread is resumed exactly once.
    func complete(_ result: Result<HTTPResponse, HTTPClientError>) {
        let waiting = continuation.withLock { stored in
            let waiting = stored
            stored = nil
            return waiting
        }
        waiting?.resume(returning: result)
    }
}
