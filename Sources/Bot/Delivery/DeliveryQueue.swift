import RateLimiting

/// The replies waiting to be sent, as a pure state machine: which reply may go now, and how long to wait
/// otherwise. The ``DeliveryService`` performs what it decides.
///
/// Rules: the replies of one chat go in outbox order, one at a time; different chats interleave, oldest first;
/// nothing goes faster than the channel's per-chat and overall rates; after a failure everything pauses (the
/// server is the same for every chat), after a 429 as long as the server asked.
struct DeliveryQueue: Sendable {
    /// Messages per second; 0 means no limit.
    struct Rates: Sendable, Equatable {
        var perChat: Double
        var overall: Double
    }

    /// What to do next.
    enum Decision: Sendable, Equatable {
        /// Send this reply now; report the outcome with ``finished(_:at:)`` or ``retry(_:pauseAll:)``.
        case send(OutboxItem)
        /// Nothing may go before this instant (a rate or a pause); ask again then, or when new replies arrive.
        case wait(until: ContinuousClock.Instant)
        /// Nothing to send.
        case idle
    }

    private struct ChatQueue: Sendable {
        var items: [OutboxItem] = []
        var head = 0
        var busy = false
        var bucket: TokenBucket?

        var first: OutboxItem? { head < items.count ? items[head] : nil }
        var count: Int { items.count - head }

        mutating func removeFirst() {
            head += 1
            if head > 64 && head * 2 > items.count {
                items.removeFirst(head)
                head = 0
            }
        }
    }

    private var chats: [Int64: ChatQueue] = [:]
    private var overall: TokenBucket?
    private(set) var rates: Rates
    private var pausedUntil: ContinuousClock.Instant?
    /// Replies waiting, in flight included.
    private(set) var pendingCount = 0
    private(set) var inFlightCount = 0
    private var finishedSincePrune = 0

    init(rates: Rates, now: ContinuousClock.Instant) {
        self.rates = rates
        overall = rates.overall > 0 ? TokenBucket(rate: rates.overall, burst: max(1, rates.overall), now: now) : nil
    }

    /// Adds replies; those of one chat must come in outbox order.
    mutating func enqueue(_ items: [OutboxItem]) {
        for item in items {
            chats[item.chatID, default: ChatQueue()].items.append(item)
        }
        pendingCount += items.count
    }

    /// Changes the rates (a configuration reload).
    mutating func update(rates: Rates, now: ContinuousClock.Instant) {
        guard rates != self.rates else { return }
        self.rates = rates
        overall = rates.overall > 0 ? TokenBucket(rate: rates.overall, burst: max(1, rates.overall), now: now) : nil
        for id in chats.keys { chats[id]?.bucket = nil }
    }

    /// The next reply that may go now, taking its tokens and marking its chat busy.
    mutating func next(at now: ContinuousClock.Instant) -> Decision {
        if let pausedUntil, now < pausedUntil {
            return pendingCount > inFlightCount ? .wait(until: pausedUntil) : .idle
        }
        pausedUntil = nil
        var best: (chatID: Int64, id: Int64)?
        var earliest: ContinuousClock.Instant?
        func consider(_ instant: ContinuousClock.Instant) {
            earliest = earliest.map { min($0, instant) } ?? instant
        }
        // Reads only: a bucket refilled on a copy gives the same answer, and writing here would copy the table.
        for (chatID, chat) in chats where !chat.busy {
            guard let item = chat.first else { continue }
            if rates.perChat > 0 {
                var bucket = chat.bucket ?? TokenBucket(rate: rates.perChat, burst: 1, now: now)
                let wait = bucket.waitTime(at: now)
                if wait > .zero {
                    consider(now + wait)
                    continue
                }
            }
            if best.map({ item.id < $0.id }) ?? true { best = (chatID, item.id) }
        }
        guard let best else {
            return earliest.map { .wait(until: $0) } ?? .idle
        }
        if var overall {
            let wait = overall.waitTime(at: now)
            if wait > .zero {
                self.overall = overall
                return .wait(until: now + wait)
            }
            overall.take(at: now)
            self.overall = overall
        }
        var chat = chats[best.chatID] ?? ChatQueue()
        if rates.perChat > 0 {
            var bucket = chat.bucket ?? TokenBucket(rate: rates.perChat, burst: 1, now: now)
            bucket.take(at: now)
            chat.bucket = bucket
        }
        chat.busy = true
        chats[best.chatID] = chat
        inFlightCount += 1
        return chat.first.map { .send($0) } ?? .idle
    }

    /// The reply left the queue: sent, or refused for good.
    mutating func finished(_ item: OutboxItem, at now: ContinuousClock.Instant) {
        guard var chat = chats[item.chatID], chat.first?.id == item.id else { return }
        chat.removeFirst()
        chat.busy = false
        if chat.count == 0 && chat.bucket == nil {
            chats.removeValue(forKey: item.chatID)
        } else {
            chats[item.chatID] = chat
        }
        pendingCount -= 1
        inFlightCount -= 1
        finishedSincePrune += 1
        if finishedSincePrune >= 1024 {
            finishedSincePrune = 0
            pruneIdleChats(at: now)
        }
    }

    /// The reply could not go now; it stays first in its chat. `pauseAll` pauses every chat: a failure or a 429
    /// comes from the one server all chats share.
    mutating func retry(_ item: OutboxItem, pauseAll: ContinuousClock.Instant? = nil) {
        guard var chat = chats[item.chatID], chat.first?.id == item.id else { return }
        chat.busy = false
        chat.items[chat.head].attempts += 1
        chats[item.chatID] = chat
        inFlightCount -= 1
        if let pauseAll { pausedUntil = max(pausedUntil ?? pauseAll, pauseAll) }
    }

    /// Drops chats with nothing queued whose rate bucket is full again, so the table does not grow forever.
    private mutating func pruneIdleChats(at now: ContinuousClock.Instant) {
        for (chatID, var chat) in chats where chat.count == 0 && !chat.busy {
            if chat.bucket?.isFull(at: now) ?? true {
                chats.removeValue(forKey: chatID)
            }
        }
    }
}
