import Channels

/// What the poll loop does after a failed call: a pure decision, so the schedule can be tested without a server.
enum PollFailurePolicy {
    /// The decision.
    enum Action: Sendable, Equatable {
        /// Poll again at once (the watchdog restarted polling).
        case retryNow
        /// Wait, log why at warning level (or notice for an announced 429), then poll again.
        case wait(Duration, reason: String)
        /// The token was refused: stop the daemon.
        case exit
    }

    static func action(
        for error: ChannelError, backoff: inout Backoff, using generator: inout some RandomNumberGenerator
    ) -> Action {
        switch error.kind {
        case .cancelled:
            return .retryNow
        case .unauthorized, .notFound:
            return .exit
        case .rateLimited:
            if let retryAfter = error.retryAfter {
                return .wait(max(retryAfter, .milliseconds(100)), reason: "the server asked to wait (429)")
            }
            return .wait(backoff.next(using: &generator), reason: "too many requests (429)")
        case .conflict:
            return .wait(
                backoff.next(using: &generator),
                reason: "another poller uses this bot token (a second daemon or a webhook): backing off")
        case .serverError, .transport, .malformedResponse, .refused:
            return .wait(backoff.next(using: &generator), reason: "polling failed: backing off")
        }
    }
}
