import Dispatch
import GRDB
import GroupCommit
import Synchronization
import Testing

/// Group commit: writes handed in while the writer is busy share one transaction, each caller gets its own
/// result, and one failing write fails alone.
@Suite(.timeLimit(.minutes(1))) struct GroupCommitterTests {
    @Test func writesWaitingTogetherShareOneTransactionAndEachGetsItsOwnResult() async throws {
        let (database, commits) = try Self.database()
        let group = Self.committer(database)
        let gate = Self.holdWriter(database)
        async let first = group.write { db in try Self.insert("a", db) }
        async let second = group.write { db in try Self.insert("b", db) }
        async let third = group.write { db in try Self.insert("c", db) }
        try await Self.waitUntil { group.waitingCount == 3 }
        let before = commits.value
        gate.signal()
        let ids = try await [first, second, third]
        #expect(Set(ids).count == 3)
        #expect(commits.value == before + 1)
        #expect(try await database.read { db in try String.fetchAll(db, sql: "SELECT name FROM item ORDER BY name") } == ["a", "b", "c"])
    }

    @Test func aFailingWriteFailsAloneAndTheOthersOfItsGroupCommit() async throws {
        let (database, _) = try Self.database()
        let group = Self.committer(database)
        let gate = Self.holdWriter(database)
        async let first = group.write { db in try Self.insert("a", db) }
        async let broken: Int64 = group.write { db in
            try db.execute(sql: "INSERT INTO missing_table VALUES (1)")
            return 0
        }
        async let third = group.write { db in try Self.insert("c", db) }
        try await Self.waitUntil { group.waitingCount == 3 }
        gate.signal()
        _ = try await first
        _ = try await third
        var brokenError: (any Error)?
        do { _ = try await broken } catch { brokenError = error }
        #expect(brokenError is DatabaseError)
        #expect(try await database.read { db in try String.fetchAll(db, sql: "SELECT name FROM item ORDER BY name") } == ["a", "c"])
    }

    @Test func anIdleStoreCommitsEachWriteAtOnce() async throws {
        let (database, commits) = try Self.database()
        let group = Self.committer(database)
        for name in ["x", "y"] {
            let before = commits.value
            _ = try await group.write { db in try Self.insert(name, db) }
            #expect(commits.value == before + 1)
        }
    }

    // MARK: Support

    private static func database() throws -> (DatabaseQueue, CommitCounter) {
        let database = try DatabaseQueue()
        try database.write { db in try db.execute(sql: "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT UNIQUE)") }
        let commits = CommitCounter()
        database.add(transactionObserver: commits, extent: .databaseLifetime)
        return (database, commits)
    }

    private static func committer(_ database: DatabaseQueue) -> GroupCommitter<DatabaseError> {
        GroupCommitter(writer: database) { error in error as? DatabaseError ?? DatabaseError(message: "\(error)") }
    }

    private static func insert(_ name: String, _ db: Database) throws -> Int64 {
        try db.execute(sql: "INSERT INTO item (name) VALUES (?)", arguments: [name])
        return db.lastInsertedRowID
    }

    /// Waits (checking every millisecond) until `condition` holds; throws after a minute, far beyond any load.
    private static func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while !condition() {
            guard ContinuousClock.now < deadline else { throw CancellationError() }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    /// Keeps the writer's queue busy until the returned semaphore is signalled.
    private static func holdWriter(_ database: DatabaseQueue) -> DispatchSemaphore {
        let gate = DispatchSemaphore(value: 0)
        database.asyncWriteWithoutTransaction { _ in gate.wait() }
        return gate
    }
}

/// Counts the commits that changed the `item` table.
private final class CommitCounter: TransactionObserver, Sendable {
    private let count = Mutex(0)
    var value: Int { count.withLock { $0 } }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { eventKind.tableName == "item" }
    func databaseDidChange(with event: DatabaseEvent) {}
    func databaseDidCommit(_ db: Database) { count.withLock { $0 += 1 } }
    func databaseDidRollback(_ db: Database) {}
}
