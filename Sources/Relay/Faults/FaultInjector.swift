import Synchronization

/// The queue of planned faults: each bot-side call (after its token was checked) takes the next one.
/// Exists only when ``RelayConfiguration/faultHooksEnabled`` is set.
final class FaultInjector: Sendable {
    /// Largest `count` and `delay_ms` accepted, so a test typo cannot wedge the relay for hours.
    static let maxCount = 10_000
    static let maxDelayMilliseconds = 120_000

    private let queue = Mutex<[Fault]>([])

    /// Appends a plan; faults run in the order they were added.
    func add(_ fault: Fault) {
        queue.withLock { $0.append(fault) }
    }

    /// Takes the fault for the current call, if any.
    func next() -> Fault? {
        queue.withLock { queue in
            guard !queue.isEmpty else { return nil }
            let fault = queue[0]
            queue[0].count -= 1
            if queue[0].count <= 0 { queue.removeFirst() }
            return fault
        }
    }

    /// The plans still pending, with their remaining counts.
    func pending() -> [Fault] {
        queue.withLock { $0 }
    }

    /// Forgets every pending plan.
    func clear() {
        queue.withLock { $0.removeAll() }
    }
}
