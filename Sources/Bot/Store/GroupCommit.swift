import GRDB
import Synchronization

/// Group commit for the writes of the message path (a turn stored, a reply marked sent): the writes that callers
/// hand in while the database is busy are committed together in one transaction, and each caller resumes when its
/// own write is durable, as if it had had a transaction of its own.
///
/// Under load a transaction's fixed cost (SQLite's file locks, the WAL frames of the pages it touches, the hop to the
/// writer's queue) is shared by every write in it: 50 chats replying at once write the outbox's newest page once,
/// not 50 times. An idle store commits each write at once, so nothing waits for a batch to fill.
///
/// When a shared transaction fails, each of its writes is run again in a transaction of its own, so a write fails
/// only for its own reason. Each round takes what is waiting and then yields the writer's queue, so the other
/// writes of the store (the poll offset) are never starved by a steady stream.
final class GroupCommit: Sendable {
    /// One caller's write: runs in the shared transaction and returns how to tell the caller once it is committed.
    private struct Entry: Sendable {
        let run: @Sendable (Database) throws -> @Sendable () -> Void
        let fail: @Sendable (any Error) -> Void
    }

    private struct Waiting: Sendable {
        var entries: [Entry] = []
        var scheduled = false
    }

    private let writer: any DatabaseWriter
    private let waiting = Mutex(Waiting())

    init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// Runs `body` inside a write transaction, possibly shared with other callers' writes, and returns its result
    /// once that transaction is committed. `body` may run twice (again alone, when the shared transaction failed):
    /// it must only touch the database.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let outcome: Result<T, any Error> = await withCheckedContinuation { continuation in
            let entry = Entry(
                run: { db in
                    let value = try body(db)
                    return { continuation.resume(returning: .success(value)) }
                },
                fail: { error in continuation.resume(returning: .failure(error)) })
            let schedule = waiting.withLock { waiting in
                waiting.entries.append(entry)
                guard !waiting.scheduled else { return false }
                waiting.scheduled = true
                return true
            }
            if schedule { scheduleRound() }
        }
        return try outcome.get()
    }

    /// Writes handed in and not yet taken by a round (for tests).
    var waitingCount: Int { waiting.withLock { $0.entries.count } }

    private func scheduleRound() {
        writer.asyncWriteWithoutTransaction { db in self.round(db) }
    }

    /// Commits what is waiting; schedules the next round behind the queue's other work when more came meanwhile.
    private func round(_ db: Database) {
        let entries = waiting.withLock { waiting in
            defer { waiting.entries.removeAll(keepingCapacity: true) }
            return waiting.entries
        }
        commit(entries, in: db)
        let more = waiting.withLock { waiting in
            if waiting.entries.isEmpty { waiting.scheduled = false }
            return waiting.scheduled
        }
        if more { scheduleRound() }
    }

    private func commit(_ entries: [Entry], in db: Database) {
        guard !entries.isEmpty else { return }
        var completions: [@Sendable () -> Void] = []
        completions.reserveCapacity(entries.count)
        do {
            try db.inTransaction(.immediate) {
                for entry in entries { completions.append(try entry.run(db)) }
                return .commit
            }
        } catch {
            guard entries.count > 1 else {
                entries[0].fail(error)
                return
            }
            for entry in entries { commit([entry], in: db) }
            return
        }
        for completion in completions { completion() }
    }
}
