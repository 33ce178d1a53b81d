import Channels
import Foundation
import Logging
import ServiceLifecycle

/// Polls the channel and hands each batch to the ``BatchProcessor``: checks the token with `getMe`, then long-polls
/// `getUpdates` with the stored offset, advancing it only after a batch is stored. Retries every failure with
/// backoff, waits as long as a 429 asks, and ends the daemon only when the token is refused.
///
/// Graceful shutdown stops the running long poll at once (within about a second) and lets a batch being handled
/// finish. The watchdog calls ``restartPolling()``.
final class PollerService: Service, Sendable {
    struct Settings: Sendable {
        var pollTimeout: Int
        var limit: Int
        var backoffInitial: Duration
        var backoffMaximum: Duration
        var dropPending: Bool
    }

    let channel: any ChatChannel
    let store: StateStore
    let processor: BatchProcessor
    let status: DaemonStatus
    let settings: Settings
    let logger: Logger
    private let interrupter = Interrupter()

    init(
        channel: any ChatChannel, store: StateStore, processor: BatchProcessor, status: DaemonStatus, settings: Settings,
        logger: Logger
    ) {
        self.channel = channel
        self.store = store
        self.processor = processor
        self.status = status
        self.settings = settings
        self.logger = logger
    }

    func run() async throws {
        let interrupter = self.interrupter
        try await withGracefulShutdownHandler {
            try await poll()
        } onGracefulShutdown: {
            interrupter.stop()
        }
    }

    /// Cancels the running poll (or backoff wait) and polls again at once.
    func restartPolling() {
        interrupter.interrupt()
    }

    private func poll() async throws(DaemonError) {
        var backoff = Backoff(initial: settings.backoffInitial, maximum: settings.backoffMaximum)
        let channel = self.channel
        guard let identity = try await untilAnswered(&backoff, { () async throws(ChannelError) in try await channel.getMe() })
        else { return }
        logger.info(
            "connected to the chat endpoint",
            metadata: [
                "bot.channel": "\(channel.kind)", "bot.id": "\(identity.id)", "bot.username": "\(identity.username ?? "")",
            ])
        switch channel.kind.cursor {
        case .token: try await pollWithToken(identity: identity, backoff: &backoff)
        case .offset: try await pollWithOffset(identity: identity, backoff: &backoff)
        }
    }

    /// The loop for channels polled with an offset (Telegram's Bot API): the offset is stored, and so confirmed to
    /// the server by the next poll, only once the batch before it is stored.
    private func pollWithOffset(identity: BotIdentity, backoff: inout Backoff) async throws(DaemonError) {
        var offset: Int64
        do {
            offset = try await store.nextOffset()
        } catch {
            throw DaemonError.store(error.description)
        }
        if settings.dropPending {
            guard let dropped = try await dropPendingUpdates(&backoff) else { return }
            offset = max(offset, dropped)
        }
        status.update { $0.offset = offset }
        logger.info("polling for updates", metadata: ["bot.offset": "\(offset)", "bot.channel": "\(channel.kind)"])
        let (channel, settings) = (self.channel, self.settings)
        while true {
            let polledOffset = offset
            guard
                let polled = try await untilAnswered(&backoff, { () async throws(ChannelError) in
                    try await channel.getUpdates(offset: polledOffset, limit: settings.limit, timeout: settings.pollTimeout)
                })
            else { return }
            // In groups, only what is addressed to the bot (a command, a reply to it, a mention) is answered.
            let batch = polled.addressed(to: identity)
            let receivedAt = pollSucceeded()
            guard let next = batch.nextOffset else {
                if !batch.malformed.isEmpty {
                    // Only updates without a readable id: the offset cannot move past them, so do not spin.
                    let delay = backoff.next()
                    logger.warning(
                        "the server sent only updates that cannot be read; backing off",
                        metadata: ["bot.reason": "\(batch.malformed[0].reason)", "bot.retry_in_s": "\(Self.seconds(delay))"])
                    await sleep(delay)
                }
                continue
            }
            do {
                try await processor.process(batch, receivedAt: receivedAt)
                try await store.saveOffset(max(next, offset), acknowledged: polledOffset)
                offset = max(next, offset)
                status.update { $0.offset = offset }
            } catch {
                await backOffAfterStoreFailure(error, &backoff)
            }
        }
    }

    /// The loop for channels polled with a token (Matrix): the token is stored once every update it covers is stored
    /// (handled updates are recognised when a crash makes the daemon poll a batch again). With no token yet (the very
    /// first start, or `--drop-pending`), the first sync only takes the token: what was said before is history.
    private func pollWithToken(identity: BotIdentity, backoff: inout Backoff) async throws(DaemonError) {
        var token: String?
        do {
            if settings.dropPending {
                try await store.dropSyncToken()
                logger.notice("--drop-pending: polling starts after what is waiting on the server")
            }
            token = try await store.syncToken()
        } catch {
            throw DaemonError.store(error.description)
        }
        logger.info(
            "polling for updates",
            metadata: ["bot.channel": "\(channel.kind)", "bot.first_start": "\(token == nil)"])
        let (channel, settings) = (self.channel, self.settings)
        while true {
            let polledToken = token
            guard
                let polled = try await untilAnswered(&backoff, { () async throws(ChannelError) in
                    try await channel.getUpdates(since: polledToken, timeout: settings.pollTimeout)
                })
            else { return }
            let batch = polled.addressed(to: identity)
            let receivedAt = pollSucceeded()
            guard let next = batch.nextToken else { continue }
            do {
                if polledToken == nil {
                    logger.info("first start: the messages from before are history and get no answer")
                }
                try await processor.process(batch, receivedAt: receivedAt)
                try await store.saveSyncToken(next, forgetBefore: Date(timeIntervalSinceNow: -Self.handledMemory))
                token = next
                status.update { $0.offset += Int64(batch.updates.count) }
            } catch {
                await backOffAfterStoreFailure(error, &backoff)
            }
        }
    }

    /// How long handled update ids are kept on a channel polled with a token: far longer than one batch takes.
    static let handledMemory: TimeInterval = 24 * 3600

    /// `--drop-pending`: confirms everything waiting on the server; returns the offset past it (nil when stopped).
    private func dropPendingUpdates(_ backoff: inout Backoff) async throws(DaemonError) -> Int64? {
        let channel = self.channel
        guard
            let batch = try await untilAnswered(&backoff, { () async throws(ChannelError) in
                try await channel.getUpdates(offset: -1, limit: 1, timeout: 0)
            })
        else { return nil }
        let next = batch.nextOffset ?? 0
        do throws(StateStoreError) {
            if next > 0 { try await store.saveOffset(next, acknowledged: 0) }
        } catch {
            throw DaemonError.store(error.description)
        }
        logger.notice("--drop-pending: dropped the updates waiting on the server", metadata: ["bot.offset": "\(next)"])
        return next
    }

    /// Calls the channel until it answers, waiting after each failure as ``recover(from:backoff:)`` says; nil when
    /// polling was stopped first. ``restartPolling()`` cancels a running call, which is then made again at once.
    private func untilAnswered<Answer: Sendable>(
        _ backoff: inout Backoff, _ call: @escaping @Sendable () async throws(ChannelError) -> Answer
    ) async throws(DaemonError) -> Answer? {
        while !interrupter.isStopped {
            let result = await interrupter.run { () -> Result<Answer, ChannelError> in
                do throws(ChannelError) {
                    return .success(try await call())
                } catch {
                    return .failure(error)
                }
            }
            if interrupter.isStopped { return nil }
            switch result {
            case .success(let answer):
                backoff.reset()
                return answer
            case .failure(let error):
                try await recover(from: error, backoff: &backoff)
            }
        }
        return nil
    }

    /// Notes a successful poll; returns when its batch was received.
    private func pollSucceeded() -> ContinuousClock.Instant {
        let receivedAt = ContinuousClock.now
        status.pollSucceeded(at: receivedAt)
        return receivedAt
    }

    /// A batch was handled but could not be stored: its cursor is not saved, so it is polled again after a wait.
    private func backOffAfterStoreFailure(_ error: any Error, _ backoff: inout Backoff) async {
        let delay = backoff.next()
        logger.error(
            "cannot store handled updates; polling the batch again",
            metadata: ["error": "\(error)", "bot.retry_in_s": "\(Self.seconds(delay))"])
        await sleep(delay)
    }

    /// Waits as the failure asks, or throws when the token was refused.
    private func recover(from error: ChannelError, backoff: inout Backoff) async throws(DaemonError) {
        if error.kind != .cancelled { status.metrics.pollFailed(kind: DaemonMetrics.label(error.kind)) }
        var generator = SystemRandomNumberGenerator()
        switch PollFailurePolicy.action(for: error, backoff: &backoff, using: &generator) {
        case .retryNow:
            return
        case .exit:
            logger.critical("the chat endpoint refused the bot token", metadata: ["error": "\(error)"])
            throw DaemonError.tokenRejected(error.description)
        case .wait(let delay, let reason):
            let metadata: Logger.Metadata = ["error": "\(error)", "bot.retry_in_s": "\(Self.seconds(delay))"]
            if error.kind == .rateLimited {
                logger.notice("\(reason)", metadata: metadata)
            } else {
                logger.warning("\(reason)", metadata: metadata)
            }
            await sleep(delay)
        }
    }

    /// A wait that graceful shutdown and the watchdog cut short.
    private func sleep(_ delay: Duration) async {
        await interrupter.run { try? await Task.sleep(for: delay) }
    }

    static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(Double((value * 100).rounded()) / 100)
    }
}
