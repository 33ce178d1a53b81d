import GRDB
import Synchronization

/// Runs the store's work on the database's single writer connection, coalescing the work of concurrent requests
/// into one SQLite transaction ("group commit").
///
/// Requests ``submit(_:)`` a ``Work``; the first submission while the writer is idle schedules a drain on GRDB's
/// writer queue, which takes every queued work item, runs each in its own savepoint inside one `IMMEDIATE`
/// transaction, commits once, and only then answers each item. Items submitted meanwhile form the next batch, so
/// under load one commit (and one pair of thread hand-offs) serves many requests, while an idle relay commits
/// each write at once.
///
/// Durability is unchanged: a request is answered only after the transaction holding its write committed, so a
/// relay restart (or crash) loses nothing that was acknowledged. One failing item (a full queue, a missing chat)
/// fails alone (see ``RelayStore/WriteIsolation``); a failed commit, or an item that throws out of ``Work/apply``,
/// fails every item of the batch.
///
/// Reads run here too: they see every committed write plus the earlier items of their batch, and are answered
/// after the commit like writes, so no one ever sees data that was not committed. This keeps reads off GRDB's
/// reader pool and its semaphores.
final class GroupCommitter: Sendable {
    /// One request's share of a batch.
    struct Work: Sendable {
        /// Runs inside the batch's transaction; returns what to do once the batch committed (nil) or failed. Throws
        /// only when the item left a change it cannot undo alone: the whole batch then rolls back and fails.
        let apply: @Sendable (Database) throws -> @Sendable (RelayStoreError?) -> Void
        /// Called instead of ``apply`` when the batch's transaction could not begin.
        let abandon: @Sendable (RelayStoreError) -> Void
    }

    private struct Queue {
        var items: [Work] = []
        var isDraining = false
    }

    private let queue = Mutex(Queue())
    private let pool: DatabasePool
    private let maxBatch: Int

    /// - Parameters:
    ///   - pool: The database whose writer connection runs the batches.
    ///   - maxBatch: Most items in one transaction, so one batch cannot delay its answers without bound.
    init(pool: DatabasePool, maxBatch: Int = 256) {
        self.pool = pool
        self.maxBatch = maxBatch
    }

    /// Queues `work` for the next batch, starting a drain when none runs.
    func submit(_ work: Work) {
        let startDrain = queue.withLock { queue -> Bool in
            queue.items.append(work)
            guard !queue.isDraining else { return false }
            queue.isDraining = true
            return true
        }
        if startDrain {
            pool.asyncWriteWithoutTransaction { db in self.drain(db) }
        }
    }

    /// Commits batches until the queue is empty.
    private func drain(_ db: Database) {
        while true {
            let batch = queue.withLock { queue -> ArraySlice<Work> in
                guard !queue.items.isEmpty else {
                    queue.isDraining = false
                    return []
                }
                let count = min(queue.items.count, maxBatch)
                let batch = queue.items[..<count]
                queue.items.removeFirst(count)
                return batch
            }
            guard !batch.isEmpty else { return }
            commit(batch, db)
        }
    }

    private func commit(_ batch: ArraySlice<Work>, _ db: Database) {
        var completions: [@Sendable (RelayStoreError?) -> Void] = []
        completions.reserveCapacity(batch.count)
        do {
            try db.inTransaction(.immediate) {
                for work in batch { completions.append(try work.apply(db)) }
                return .commit
            }
        } catch {
            let failure = RelayStoreError.database(String(describing: error))
            for completion in completions { completion(failure) }
            for work in batch.dropFirst(completions.count) { work.abandon(failure) }
            return
        }
        for completion in completions { completion(nil) }
    }
}
