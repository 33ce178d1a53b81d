import Foundation
import Logging
import ServiceLifecycle

/// Logs a heartbeat line at a set interval (alive, how far it got) and runs the watchdog: when no poll has
/// succeeded for `watchdog`, it restarts polling and says so. Also prunes old finished replies once an hour.
final class HeartbeatService: Service, Sendable {
    let status: DaemonStatus
    let heartbeat: Duration
    let watchdog: Duration
    let restartPolling: @Sendable () -> Void
    let pendingReplies: @Sendable () -> Int
    let store: StateStore
    /// Old turn logs to remove at start and with the hourly prune; nil keeps them.
    let turnLogRetention: TurnLogRetention?
    let logger: Logger

    init(
        status: DaemonStatus, heartbeat: Duration, watchdog: Duration, store: StateStore, logger: Logger,
        turnLogRetention: TurnLogRetention? = nil,
        pendingReplies: @escaping @Sendable () -> Int, restartPolling: @escaping @Sendable () -> Void
    ) {
        self.turnLogRetention = turnLogRetention
        self.status = status
        self.heartbeat = heartbeat
        self.watchdog = watchdog
        self.store = store
        self.logger = logger
        self.pendingReplies = pendingReplies
        self.restartPolling = restartPolling
    }

    /// How often the loop looks: often enough for both intervals, at most once a second.
    var tick: Duration {
        max(.milliseconds(20), min(.seconds(1), min(heartbeat, watchdog) / 4))
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            let start = ContinuousClock.now
            var lastBeat = start
            var lastPrune = start
            self.removeExpiredTurnLogs()
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: self.tick)
                } catch {
                    return
                }
                let now = ContinuousClock.now
                self.watch(at: now)
                if lastBeat.duration(to: now) >= self.heartbeat {
                    lastBeat = now
                    self.beat(at: now, since: start)
                }
                if lastPrune.duration(to: now) >= .seconds(3600) {
                    lastPrune = now
                    await self.prune()
                    self.removeExpiredTurnLogs()
                }
            }
        }
    }

    /// Restarts polling when the last successful poll (or restart) is older than the watchdog interval.
    func watch(at now: ContinuousClock.Instant) {
        let snapshot = status.snapshot
        let silence = snapshot.watchdogReference.duration(to: now)
        guard silence >= watchdog else { return }
        status.update {
            $0.watchdogRestarts += 1
            $0.watchdogReference = now
        }
        status.metrics.watchdogRestarted()
        logger.warning(
            "watchdog: no poll has succeeded for a while; restarting polling",
            metadata: [
                "bot.silence_s": "\(PollerService.seconds(snapshot.lastPollSuccess.duration(to: now)))",
                "bot.offset": "\(snapshot.offset)",
            ])
        restartPolling()
    }

    private func beat(at now: ContinuousClock.Instant, since start: ContinuousClock.Instant) {
        let snapshot = status.snapshot
        logger.info(
            "heartbeat: alive",
            metadata: [
                "bot.uptime_s": "\(Int(start.duration(to: now).components.seconds))",
                "bot.offset": "\(snapshot.offset)",
                "bot.polls": "\(snapshot.polls)",
                "bot.handled": "\(snapshot.handled)",
                "bot.sent": "\(snapshot.sent)",
                "bot.refused": "\(snapshot.refused)",
                "bot.outbox_pending": "\(pendingReplies())",
                "bot.last_poll_s_ago": "\(PollerService.seconds(snapshot.lastPollSuccess.duration(to: now)))",
                "bot.watchdog_restarts": "\(snapshot.watchdogRestarts)",
            ])
    }

    private func removeExpiredTurnLogs() {
        guard let turnLogRetention else { return }
        do {
            let removed = try turnLogRetention.removeExpired(now: Date())
            if !removed.isEmpty {
                logger.info(
                    "removed turn logs older than logs.retention_days",
                    metadata: ["bot.removed": "\(removed.count)", "bot.retention_days": "\(turnLogRetention.retentionDays)"])
            }
        } catch {
            logger.warning("cannot remove old turn logs", metadata: ["error": "\(error)"])
        }
    }

    private func prune() async {
        do {
            let removed = try await store.prune(before: .now.addingTimeInterval(-7 * 24 * 3600))
            if removed > 0 { logger.debug("pruned finished replies", metadata: ["bot.pruned": "\(removed)"]) }
        } catch {
            logger.warning("cannot prune the outbox", metadata: ["error": "\(error)"])
        }
    }
}
