import Synchronization

/// Whether the bot is polling: it counts as online while a `getUpdates` runs and for a while after the last one.
final class BotPresence: Sendable {
    /// What the people-side status endpoint reports.
    struct Status: Sendable, Equatable {
        /// A poll runs now, or one ended within the offline threshold.
        var online: Bool
        /// A `getUpdates` is running now.
        var polling: Bool
        /// Whole seconds since a poll last ended, nil when none was seen since the relay started.
        var lastSeenSecondsAgo: Int?
    }

    private struct State {
        var activePolls = 0
        var lastSeen: ContinuousClock.Instant?
    }

    private let state = Mutex(State())
    private let offlineAfter: Duration

    init(offlineAfter: Duration) {
        self.offlineAfter = offlineAfter
    }

    func pollStarted(now: ContinuousClock.Instant = .now) {
        state.withLock { state in
            state.activePolls += 1
            state.lastSeen = now
        }
    }

    func pollEnded(now: ContinuousClock.Instant = .now) {
        state.withLock { state in
            state.activePolls -= 1
            state.lastSeen = now
        }
    }

    func status(now: ContinuousClock.Instant = .now) -> Status {
        state.withLock { state in
            let polling = state.activePolls > 0
            guard let lastSeen = state.lastSeen else { return Status(online: polling, polling: polling, lastSeenSecondsAgo: nil) }
            let ago = lastSeen.duration(to: now)
            let secondsAgo = polling ? 0 : Int(ago.components.seconds)
            return Status(online: polling || ago <= offlineAfter, polling: polling, lastSeenSecondsAgo: secondsAgo)
        }
    }
}
