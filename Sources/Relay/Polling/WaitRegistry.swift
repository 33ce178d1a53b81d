import Synchronization

/// Wakes long polls when something they wait for is stored, without sleeping in a loop.
///
/// A poll first ``register(_:exclusive:)``s a ticket for its key (a chat id, or the bot), then reads the store,
/// and only when it found nothing ``wait(_:timeout:)``s on the ticket. Because the ticket exists before the read,
/// a ``notify(_:)`` that lands between the read and the wait is not lost: the wait returns at once.
///
/// An exclusive registration (the bot's `getUpdates`) ends the tickets already registered for the key with
/// ``WakeReason/conflict``, as Telegram terminates an earlier `getUpdates` when a newer one arrives.
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
        case waiting(CheckedContinuation<WakeReason, Never>)
    }

    private struct State {
        var slots: [Key: [UInt64: Slot]] = [:]
        var nextID: UInt64 = 0
        var waitingCount = 0
        var isShutDown = false
    }

    private let state = Mutex(State())
    private let maxWaiting: Int

    /// - Parameter maxWaiting: Most tickets suspended at once; beyond it ``wait(_:timeout:)`` returns
    ///   ``WakeReason/timedOut`` at once, so a flood of polls cannot pile up.
    init(maxWaiting: Int) {
        self.maxWaiting = maxWaiting
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
                    case .waiting(let continuation):
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
            if case .waiting(let continuation) = slot {
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
            guard let slots = state.slots[key] else { return [] }
            var woken: [CheckedContinuation<WakeReason, Never>] = []
            for (id, slot) in slots {
                switch slot {
                case .registered: state.slots[key]?[id] = .woken(.notified)
                case .waiting(let continuation):
                    woken.append(continuation)
                    state.slots[key]?[id] = .woken(.notified)
                    state.waitingCount -= 1
                case .woken: break
                }
            }
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
                    if case .waiting(let continuation) = slot { woken.append(continuation) }
                    if case .woken = slot { continue }
                    state.slots[key]?[id] = .woken(.shutdown)
                }
            }
            state.waitingCount = 0
            return woken
        }
        for continuation in continuations { continuation.resume(returning: .shutdown) }
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
        return await withTaskGroup(of: WakeReason.self) { group in
            group.addTask { await self.suspend(ticket) }
            group.addTask {
                do {
                    try await Task.sleep(for: timeout)
                    return .timedOut
                } catch {
                    return .cancelled
                }
            }
            let first = await group.next() ?? .cancelled
            group.cancelAll()
            // Make sure the suspended child ends even when the sleep won.
            self.wake(ticket, reason: first)
            return first
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

    private func suspend(_ ticket: Ticket) async -> WakeReason {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<WakeReason, Never>) in
                let immediate = state.withLock { state -> WakeReason? in
                    switch state.slots[ticket.key]?[ticket.id] {
                    case .registered:
                        guard state.waitingCount < maxWaiting else { return .timedOut }
                        state.slots[ticket.key]?[ticket.id] = .waiting(continuation)
                        state.waitingCount += 1
                        return nil
                    case .woken(let reason): return reason
                    case .waiting: return .cancelled  // one wait per ticket
                    case .none: return .cancelled
                    }
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            self.wake(ticket, reason: .cancelled)
        }
    }

    /// Resumes the ticket's continuation if it is suspended, leaving the ticket registered as woken.
    private func wake(_ ticket: Ticket, reason: WakeReason) {
        let continuation = state.withLock { state -> CheckedContinuation<WakeReason, Never>? in
            switch state.slots[ticket.key]?[ticket.id] {
            case .waiting(let continuation):
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
