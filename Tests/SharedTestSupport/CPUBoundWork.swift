import Dispatch

/// Runs CPU-bound test work on a thread of its own instead of Swift's cooperative pool.
///
/// On a 2-core machine the cooperative pool has two threads. A synchronous test that trains a classifier or
/// sweeps many seeded cases holds one of them for seconds; two such tests at once stop every other task of the
/// test process, and the daemon and relay tests, which need the pool for a few milliseconds at a time, wait past
/// their deadlines. Work handed to ``run(_:)`` runs one piece at a time on a dedicated serial queue, while the
/// calling task suspends without holding a pool thread, so the operating system shares the cores fairly between
/// the heavy work and everything else.
///
/// ```swift
/// let report = try await CPUBoundWork.run { try CrossValidatedAccuracy.measure(catalog: catalog, folds: 2) }
/// ```
public enum CPUBoundWork {
    /// One piece of heavy work at a time: a second would take the other core from the tasks that wait on I/O.
    static let queue = DispatchQueue(label: "huabei.tests.cpu-bound", qos: .utility)

    /// Runs `work` on the dedicated queue and returns its result (or rethrows its error).
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }

    /// Runs `work` on the dedicated queue and returns its result.
    public static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await run(on: queue, work)
    }

    /// Runs `work` on `queue` (a serial queue of Dispatch's, never the cooperative pool) and returns its result.
    static func run<T: Sendable>(on queue: DispatchQueue, _ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }
}
