import Channels
import Logging
import ServiceLifecycle
import Synchronization

/// Sends the outbox: takes what the ``DeliveryQueue`` allows, sends it, and marks it sent (or failed for good) in
/// the store. `maxInFlight` workers send at once, each chat's replies still one after the other, in order.
///
/// On a channel with idempotent replies (the local relay) every reply goes with its outbox row's permanent key, so a
/// crash duplicates nothing: after a restart the whole outbox is resent with the same keys, and the relay answers
/// the replies it already took without showing them again. On Telegram a crash can resend each reply that was on
/// the wire, which is why Telegram keeps one in flight.
///
/// Transient failures pause every chat with backoff; a 429 pauses as long as the server asked; a permanent
/// refusal (400 chat not found, 403) takes the reply out of the outbox with a log line and never blocks the others.
/// Graceful shutdown lets the replies on the wire finish; the rest stay in the outbox for the next start.
final class DeliveryService: Service, Sendable {
    struct Settings: Sendable {
        var maxInFlight: Int
        /// Send each reply's idempotency key (the channel honours it).
        var idempotentReplies: Bool = false
        var backoffInitial: Duration
        var backoffMaximum: Duration
    }

    let channel: any ChatChannel
    let store: StateStore
    let status: DaemonStatus
    let settings: Settings
    let logger: Logger
    private let queue: Mutex<DeliveryQueue>
    private let backoff: Mutex<Backoff>
    private let doorbell = Doorbell()
    private let stopping = Atomic<Bool>(false)

    init(
        channel: any ChatChannel, store: StateStore, status: DaemonStatus, rates: DeliveryQueue.Rates, settings: Settings,
        logger: Logger
    ) {
        self.channel = channel
        self.store = store
        self.status = status
        self.settings = settings
        self.logger = logger
        queue = Mutex(DeliveryQueue(rates: rates, now: .now))
        backoff = Mutex(Backoff(initial: settings.backoffInitial, maximum: settings.backoffMaximum))
    }

    /// Queues replies (already stored as pending) and wakes a worker.
    func enqueue(_ items: [OutboxItem]) {
        guard !items.isEmpty else { return }
        queue.withLock { $0.enqueue(items) }
        doorbell.ring(waking: items.count)
    }

    /// New rates after a configuration reload.
    func update(rates: DeliveryQueue.Rates) {
        queue.withLock { $0.update(rates: rates, now: .now) }
        doorbell.ring()
    }

    /// Replies waiting or on the wire.
    var pendingCount: Int { queue.withLock { $0.pendingCount } }

    func run() async throws {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<max(1, settings.maxInFlight) {
                    group.addTask { await self.work() }
                }
            }
            // The sent marks written behind the sends are stored before the store closes.
            await store.drainWrites()
        } onGracefulShutdown: {
            self.stopping.store(true, ordering: .sequentiallyConsistent)
            self.doorbell.ring()
        }
    }

    private func work() async {
        while !stopping.load(ordering: .sequentiallyConsistent) && !Task.isCancelled {
            let decision = queue.withLock { $0.next(at: .now) }
            switch decision {
            case .send(let item):
                await send(item)
            case .wait(let deadline):
                await doorbell.wait(until: deadline)
            case .idle:
                await doorbell.wait(until: nil)
            }
        }
        doorbell.ring()  // let the other workers see the stop too
    }

    private func send(_ item: OutboxItem) async {
        let metadata: Logger.Metadata = [
            "bot.chat.id": "\(item.chatID)", "bot.update.id": "\(item.updateID)", "bot.reply.part": "\(item.part)",
        ]
        do {
            try await channel.send(
                OutgoingMessage(
                    chatID: item.chatID, chatAddress: item.chatAddress, text: item.text, replyTo: item.replyTo,
                    idempotencyKey: settings.idempotentReplies ? item.idempotencyKey : nil))
        } catch {
            await failed(item, error: error, metadata: metadata)
            return
        }
        if settings.idempotentReplies {
            // Not waited for: a mark lost in a crash only makes the restart resend the reply with its key, which
            // the server does not show twice. The worker goes on to the next reply at once.
            let logger = self.logger
            store.markSentBehind(item.id) { error in
                logger.error("cannot mark a reply sent", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            }
        } else {
            do {
                try await store.markSent(item.id)
            } catch {
                // The reply went out; a restart may send it again.
                logger.error("cannot mark a reply sent", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            }
        }
        backoff.withLock { $0.reset() }
        queue.withLock { $0.finished(item, at: .now) }
        status.update { $0.sent += 1 }
        status.metrics.replySent()
        // No bell: the one reply this makes ready (the chat's next) is taken by this worker's next turn.
    }

    private func failed(_ item: OutboxItem, error: ChannelError, metadata: Logger.Metadata) async {
        var metadata = metadata
        metadata["error"] = "\(error)"
        if error.isPermanentRefusal {
            logger.warning("the server refused a reply for good; removed it from the outbox", metadata: metadata)
            do {
                try await store.markFailed(item.id, reason: error.description)
            } catch {
                logger.error("cannot mark a reply failed", metadata: metadata.merging(["store.error": "\(error)"]) { $1 })
            }
            queue.withLock { $0.finished(item, at: .now) }
            status.update { $0.refused += 1 }
            status.metrics.replyRefused()
            doorbell.ring()
            return
        }
        let now = ContinuousClock.now
        if error.kind == .cancelled {
            queue.withLock { $0.retry(item) }
            return
        }
        if error.kind == .rateLimited, let retryAfter = error.retryAfter {
            metadata["bot.retry_in_s"] = "\(PollerService.seconds(retryAfter))"
            logger.notice("the server asked to wait before sending (429)", metadata: metadata)
            queue.withLock { $0.retry(item, pauseAll: now + retryAfter) }
        } else {
            let delay = backoff.withLock { $0.next() }
            metadata["bot.retry_in_s"] = "\(PollerService.seconds(delay))"
            logger.warning("sending a reply failed; it stays in the outbox", metadata: metadata)
            queue.withLock { $0.retry(item, pauseAll: now + delay) }
        }
        status.update { $0.sendFailures += 1 }
        status.metrics.replyRetried()
        try? await store.recordAttempt(item.id, error: error.description)
        doorbell.ring()
    }
}
