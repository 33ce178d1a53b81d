import Synchronization

/// Wakes long polls when something they wait for is stored, without sleeping in a loop.
///
/// A poll first ``register(_:exclusive:)``s a ticket for its key (a chat id, or the bot), then reads the store,
/// and only when it found nothing ``wait(_:timeout:)``s on the ticket. Because the ticket exists before the read,
/// a ``notify(_:)`` that lands between the read and the wait is not lost: the wait returns at once.
///
/// An exclusive registration (the bot's `getUpdates`) ends the tickets already registered for the key with
/// ``WakeReason/conflict``, as Telegram terminates an earlier `getUpdates` when a newer one arrives.
///
/// Timeouts cost no task or timer per wait: a waiting ticket is one stored continuation with a deadline, and
/// one sweeper task, running only while some ticket waits, ends the waits whose deadline passed. A wait may
/// therefore end up to ``sweepInterval`` after its deadline, which long polls measured in seconds do not notice.
final class WaitRegistry<Key: Hashable & Sendable>: Sendable {
    /// Why a wait ended.
    enum WakeReason: Sendable, Equatable {
        case notified
        case timedOut
        case conflict
        case shutdown
        case cancelled
    }

    /// A registration, returned by ``register(_:exclusive:)``; pass it to ``wait(_:timeout:)`` and
    /// ``unregister(_:)``.
    struct Ticket: Sendable, Hashable {
        let key: Key
        let id: UInt64
    }

    private enum Slot {
        case registered
        case woken(WakeReason)
        case waiting(CheckedContinuation<WakeReason, Never>, deadline: ContinuousClock.Instant)
    }

    private struct State {
        var slots: [Key: [UInt64: Slot]] = [:]
        var nextID: UInt64 = 0
        var waitingCount = 0
        var isShutDown = false
        var isSweeping = false
    }

    private let state = Mutex(State())
    private let maxWaiting: Int
    /// The longest a wait may outlast its deadline.
    let sweepInterval: Duration

    /// - Parameters:
    ///   - maxWaiting: Most tickets suspended at once; beyond it ``wait(_:timeout:)`` returns
    ///     ``WakeReason/timedOut`` at once, so a flood of polls cannot pile up.
    ///   - sweepInterval: How often expired waits are ended while any ticket waits.
    init(maxWaiting: Int, sweepInterval: Duration = .milliseconds(50)) {
        self.maxWaiting = maxWaiting
        self.sweepInterval = sweepInterval
    }

    /// Registers interest in `key` before reading the store.
    func register(_ key: Key, exclusive: Bool = false) -> Ticket {
        let (ticket, displaced) = state.withLock { state -> (Ticket, [CheckedContinuation<WakeReason, Never>]) in
            state.nextID += 1
            let ticket = Ticket(key: key, id: state.nextID)
            var displaced: [CheckedContinuation<WakeReason, Never>] = []
            if exclusive, let others = state.slots[key] {
                for (id, slot) in others {
                    switch slot {
                    case .registered: state.slots[key]?[id] = .woken(.conflict)
                    case .waiting(let continuation, _):
                        displaced.append(continuation)
                        state.slots[key]?[id] = .woken(.conflict)
                        state.waitingCount -= 1
                    case .woken: break
                    }
                }
            }
            state.slots[key, default: [:]][ticket.id] = state.isShutDown ? .woken(.shutdown) : .registered
            return (ticket, displaced)
        }
        for continuation in displaced { continuation.resume(returning: .conflict) }
        return ticket
    }

    /// Removes a ticket; call it when the poll ends, whatever the outcome.
    func unregister(_ ticket: Ticket) {
        let continuation = state.withLock { state -> CheckedContinuation<WakeReason, Never>? in
            guard let slot = state.slots[ticket.key]?.removeValue(forKey: ticket.id) else { return nil }
            if state.slots[ticket.key]?.isEmpty == true { state.slots[ticket.key] = nil }
            if case .waiting(let continuation, _) = slot {
                state.waitingCount -= 1
                return continuation
            }
            return nil
        }
        continuation?.resume(returning: .cancelled)
    }

    /// Wakes every ticket registered for `key`.
    func notify(_ key: Key) {
        let continuations = state.withLock { state -> [CheckedContinuation<WakeReason, Never>] in
            // Taken out and put back, so that changing it does not copy it.
            guard var slots = state.slots.removeValue(forKey: key) else { return [] }
            var woken: [CheckedContinuation<WakeReason, Never>] = []
            for (id, slot) in slots {
                switch slot {
                case .registered: slots[id] = .woken(.notified)
                case .waiting(let continuation, _):
                    woken.append(continuation)
                    slots[id] = .woken(.notified)
                    state.waitingCount -= 1
                case .woken: break
                }
            }
            state.slots[key] = slots
            return woken
        }
        for continuation in continuations { continuation.resume(returning: .notified) }
    }

    /// Ends every wait with ``WakeReason/shutdown`` and makes later waits return at once: graceful shutdown must
    /// not wait for 50-second polls.
    func shutdown() {
        let continuations = state.withLock { state -> [CheckedContinuation<WakeReason, Never>] in
            state.isShutDown = true
            var woken: [CheckedContinuation<WakeReason, Never>] = []
            for (key, slots) in state.slots {
                for (id, slot) in slots {
                    if case .waiting(let continuation, _) = slot { woken.append(continuation) }
                    if case .woken = slot { continue }
                    state.slots[key]?[id] = .woken(.shutdown)
                }
            }
            state.waitingCount = 0
            return woken
        }
        for continuation in continuations { continuation.resume(returning: .shutdown) }
    }

    /// The number of tickets suspended in ``wait(_:timeout:)``, all keys together (for the metrics).
    var totalWaiting: Int {
        state.withLock { $0.waitingCount }
    }

    /// The number of tickets suspended in ``wait(_:timeout:)`` for `key`.
    func waitingCount(for key: Key) -> Int {
        state.withLock { state in
            state.slots[key]?.values.count { if case .waiting = $0 { true } else { false } } ?? 0
        }
    }

    /// Suspends until the ticket is notified, displaced, shut down, cancelled, or `timeout` passes. Returns at
    /// once when that already happened since ``register(_:exclusive:)``.
    func wait(_ ticket: Ticket, timeout: Duration) async -> WakeReason {
        if let reason = currentReason(ticket) { return reason }
        let deadline = ContinuousClock.now.advanced(by: timeout)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<WakeReason, Never>) in
                let (immediate, startSweeper) = state.withLock { state -> (WakeReason?, Bool) in
                    switch state.slots[ticket.key]?[ticket.id] {
                    case .registered:
                        guard state.waitingCount < maxWaiting else { return (.timedOut, false) }
                        state.slots[ticket.key]?[ticket.id] = .waiting(continuation, deadline: deadline)
                        state.waitingCount += 1
                        guard !state.isSweeping else { return (nil, false) }
                        state.isSweeping = true
                        return (nil, true)
                    case .woken(let reason): return (reason, false)
                    case .waiting: return (.cancelled, false)  // one wait per ticket
                    case .none: return (.cancelled, false)
                    }
                }
                if let immediate { continuation.resume(returning: immediate) }
                if startSweeper { Task { await self.sweep() } }
            }
        } onCancel: {
            self.wake(ticket, reason: .cancelled)
        }
    }

    private func currentReason(_ ticket: Ticket) -> WakeReason? {
        state.withLock { state in
            switch state.slots[ticket.key]?[ticket.id] {
            case .woken(let reason): reason
            case .none: .cancelled
            default: nil
            }
        }
    }

    /// Ends the waits whose deadline passed, every ``sweepInterval`` or sooner, until no ticket waits.
    private func sweep() async {
        while true {
            let now = ContinuousClock.now
            let (expired, nextDeadline) = state.withLock { state -> ([CheckedContinuation<WakeReason, Never>], ContinuousClock.Instant?) in
                var expired: [CheckedContinuation<WakeReason, Never>] = []
                var expiredTickets: [Ticket] = []
                var nextDeadline: ContinuousClock.Instant?
                for (key, slots) in state.slots {
                    for (id, slot) in slots {
                        guard case .waiting(let continuation, let deadline) = slot else { continue }
                        if deadline <= now {
                            expired.append(continuation)
                            expiredTickets.append(Ticket(key: key, id: id))
                        } else if nextDeadline.map({ deadline < $0 }) ?? true {
                            nextDeadline = deadline
                        }
                    }
                }
                // Changed after the loop: changing the dictionaries while iterating them would copy them.
                for ticket in expiredTickets { state.slots[ticket.key]?[ticket.id] = .woken(.timedOut) }
                state.waitingCount -= expiredTickets.count
                if nextDeadline == nil { state.isSweeping = false }
                return (expired, nextDeadline)
            }
            for continuation in expired { continuation.resume(returning: .timedOut) }
            guard let nextDeadline else { return }
            try? await Task.sleep(for: min(now.duration(to: nextDeadline), sweepInterval))
        }
    }

    /// Resumes the ticket's continuation if it is suspended, leaving the ticket registered as woken.
    private func wake(_ ticket: Ticket, reason: WakeReason) {
        let continuation = state.withLock { state -> CheckedContinuation<WakeReason, Never>? in
            switch state.slots[ticket.key]?[ticket.id] {
            case .waiting(let continuation, _):
                state.slots[ticket.key]?[ticket.id] = .woken(reason)
                state.waitingCount -= 1
                return continuation
            case .registered:
                state.slots[ticket.key]?[ticket.id] = .woken(reason)
                return nil
            default:
                return nil
            }
        }
        continuation?.resume(returning: reason)
    }
}
