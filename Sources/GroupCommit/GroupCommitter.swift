package import GRDB
import Synchronization

/// Runs a store's work on its database's single writer connection, coalescing the work of concurrent callers into
/// one SQLite transaction ("group commit"). The relay runs all its reads and writes through one; the daemon its
/// message path (a turn stored, a reply marked sent).
///
/// Callers ``submit(_:)`` a ``Work``; the first submission while the writer is idle schedules a batch on GRDB's
/// writer queue, which takes every queued work item, runs each inside one `IMMEDIATE` transaction, commits once,
/// and only then answers each item. Items submitted meanwhile form the next batch, so under load one commit (one
/// set of SQLite's file locks, the WAL frames of the pages the batch touched, one pair of thread hand-offs) serves
/// many callers, while an idle store commits each write at once. After each batch the next one queues behind the
/// writer's other work, so writes made outside the committer are never starved by a steady stream.
///
/// Durability is unchanged: an item is answered only after the transaction holding its write committed, so a
/// crash loses nothing that was acknowledged. How one failing item fails alone is the caller's choice inside
/// ``Work/apply`` (``write(_:)`` uses a savepoint); a failed commit, or an item that throws out of ``Work/apply``,
/// fails every item of the batch.
package final class GroupCommitter<Failure: Error>: Sendable {
    /// One caller's share of a batch.
    package struct Work: Sendable {
        /// Runs inside the batch's transaction; returns what to do once the batch committed (nil) or failed. Throws
        /// only when the item left a change it cannot undo alone: the whole batch then rolls back and fails.
        let apply: @Sendable (Database) throws -> @Sendable (Failure?) -> Void
        /// Called instead of ``apply`` when the batch's transaction could not begin.
        let abandon: @Sendable (Failure) -> Void

        package init(
            apply: @escaping @Sendable (Database) throws -> @Sendable (Failure?) -> Void,
            abandon: @escaping @Sendable (Failure) -> Void
        ) {
            self.apply = apply
            self.abandon = abandon
        }
    }

    private struct Queue {
        var items: [Work] = []
        var isScheduled = false
    }

    private let queue = Mutex(Queue())
    private let writer: any DatabaseWriter
    private let maxBatch: Int
    private let failure: @Sendable (any Error) -> Failure

    /// - Parameters:
    ///   - writer: The database whose writer connection runs the batches.
    ///   - maxBatch: Most items in one transaction, so one batch cannot delay its answers without bound.
    ///   - failure: The caller's error for a database error (a transaction that could not begin or commit).
    package init(writer: any DatabaseWriter, maxBatch: Int = 256, failure: @escaping @Sendable (any Error) -> Failure) {
        self.writer = writer
        self.maxBatch = maxBatch
        self.failure = failure
    }

    /// Work submitted and not yet taken by a batch (for tests).
    package var waitingCount: Int { queue.withLock { $0.items.count } }

    /// Queues `work` for the next batch, scheduling one when none is.
    package func submit(_ work: Work) {
        let schedule = queue.withLock { queue -> Bool in
            queue.items.append(work)
            guard !queue.isScheduled else { return false }
            queue.isScheduled = true
            return true
        }
        if schedule { scheduleBatch() }
    }

    /// Runs `body` in a savepoint of its own inside the next batch and returns its result once the batch committed:
    /// a body that throws fails alone, and the other items of its batch still commit.
    package func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(Failure) -> T {
        let failure = self.failure
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, Failure>, Never>) in
            submit(
                Work(
                    apply: { db in
                        let outcome: Result<T, Failure>
                        do {
                            outcome = .success(try Self.inSavepoint(db, body))
                        } catch {
                            outcome = .failure(failure(error))
                        }
                        return { commitFailure in continuation.resume(returning: commitFailure.map { .failure($0) } ?? outcome) }
                    },
                    abandon: { continuation.resume(returning: .failure($0)) }))
        }
        return try result.get()
    }

    private static func inSavepoint<T>(_ db: Database, _ body: (Database) throws -> T) throws -> T {
        var value: T?
        try db.inSavepoint {
            value = try body(db)
            return .commit
        }
        guard let value else { preconditionFailure("GRDB's inSavepoint returned without running its body") }
        return value
    }

    private func scheduleBatch() {
        writer.asyncWriteWithoutTransaction { db in self.runBatch(db) }
    }

    /// Commits one batch, then schedules the next behind the writer's other work when more is waiting.
    private func runBatch(_ db: Database) {
        let batch = queue.withLock { queue -> ArraySlice<Work> in
            let count = min(queue.items.count, maxBatch)
            let batch = queue.items[..<count]
            queue.items.removeFirst(count)
            return batch
        }
        if !batch.isEmpty { commit(batch, db) }
        let more = queue.withLock { queue -> Bool in
            if queue.items.isEmpty { queue.isScheduled = false }
            return queue.isScheduled
        }
        if more { scheduleBatch() }
    }

    private func commit(_ batch: ArraySlice<Work>, _ db: Database) {
        var completions: [@Sendable (Failure?) -> Void] = []
        completions.reserveCapacity(batch.count)
        do {
            try db.inTransaction(.immediate) {
                for work in batch { completions.append(try work.apply(db)) }
                return .commit
            }
        } catch {
            let failure = self.failure(error)
            for completion in completions { completion(failure) }
            for work in batch.dropFirst(completions.count) { work.abandon(failure) }
            return
        }
        for completion in completions { completion(nil) }
    }
}
