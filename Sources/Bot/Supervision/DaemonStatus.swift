import Synchronization

/// What the daemon has done so far, shared by its services: the heartbeat reports it, the watchdog reads the
/// time of the last successful poll.
final class DaemonStatus: Sendable {
    struct Snapshot: Sendable, Equatable {
        var offset: Int64 = 0
        var polls = 0
        var handled = 0
        var duplicates = 0
        var ignored = 0
        var malformed = 0
        var sent = 0
        var refused = 0
        var sendFailures = 0
        var watchdogRestarts = 0
        var lastPollSuccess: ContinuousClock.Instant
        /// The last successful poll or watchdog restart: where the watchdog counts from.
        var watchdogReference: ContinuousClock.Instant
    }

    private let state: Mutex<Snapshot>
    /// The counters and histograms the metrics file shows; the services count into both.
    let metrics = DaemonMetrics()

    init(now: ContinuousClock.Instant = .now) {
        state = Mutex(Snapshot(lastPollSuccess: now, watchdogReference: now))
    }

    var snapshot: Snapshot { state.withLock { $0 } }

    func update(_ body: (inout Snapshot) -> Void) {
        state.withLock { body(&$0) }
    }

    func pollSucceeded(at now: ContinuousClock.Instant = .now) {
        state.withLock {
            $0.polls += 1
            $0.lastPollSuccess = now
            $0.watchdogReference = now
        }
    }
}
