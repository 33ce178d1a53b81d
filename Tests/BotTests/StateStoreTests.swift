@testable import Bot
import Dialogue
import Foundation
import GRDB
import Testing

/// The state database: one transaction per handled update, the offset, the outbox across restarts.
struct StateStoreTests {
    @Test func aTurnStoresStateAndRepliesOnceAndOnlyOnce() async throws {
        let directory = temporaryDirectory()
        let store = try StateStore(directory: directory)
        defer { store.close() }
        var state = ConversationState()
        state.lastIntent = "overdue"
        let turn = HandledTurn(updateID: 5, chatID: 42, state: state, replies: ["一", "二"], replyTo: 9)
        let items = try #require(try await store.recordTurn(turn))
        #expect(items.map(\.text) == ["一", "二"])
        #expect(items.map(\.replyTo) == [9, nil])
        #expect(items[0].id < items[1].id)
        #expect(try await store.isHandled(5))
        #expect(try await store.conversation(chatID: 42)?.lastIntent == "overdue")
        // The same update again (a restart before the offset was saved) writes nothing.
        var other = turn
        other.state?.lastIntent = "credit_score"
        #expect(try await store.recordTurn(other) == nil)
        #expect(try await store.conversation(chatID: 42)?.lastIntent == "overdue")
        #expect(try await store.pendingReplies().count == 2)
    }

    @Test func pendingRepliesSurviveAReopenAndLeaveWhenSentOrRefused() async throws {
        let directory = temporaryDirectory()
        do {
            let store = try StateStore(directory: directory)
            _ = try await store.recordTurn(HandledTurn(updateID: 1, chatID: 1, state: nil, replies: ["a"], replyTo: nil))
            _ = try await store.recordTurn(HandledTurn(updateID: 2, chatID: 2, state: nil, replies: ["b"], replyTo: nil))
            _ = try await store.recordTurn(HandledTurn(updateID: 3, chatID: 3, state: nil, replies: ["c"], replyTo: nil))
            store.close()
        }
        let store = try StateStore(directory: directory)
        defer { store.close() }
        let pending = try await store.pendingReplies()
        #expect(pending.map(\.text) == ["a", "b", "c"])
        try await store.markSent(pending[0].id)
        try await store.markFailed(pending[1].id, reason: "sendMessage: chat not found")
        try await store.recordAttempt(pending[2].id, error: "timeout")
        let left = try await store.pendingReplies()
        #expect(left.map(\.text) == ["c"])
        #expect(left.first?.attempts == 1)
        #expect(try await store.outboxCounts() == ["sent": 1, "failed": 1, "pending": 1])
    }

    @Test func theOffsetIsStoredAndAcknowledgedUpdatesAreForgotten() async throws {
        let store = try StateStore(directory: temporaryDirectory())
        defer { store.close() }
        #expect(try await store.nextOffset() == 0)
        for id in 1...5 {
            _ = try await store.recordTurn(HandledTurn(updateID: Int64(id), chatID: 1, state: nil, replies: [], replyTo: nil))
        }
        try await store.saveOffset(6, acknowledged: 0)
        #expect(try await store.nextOffset() == 6)
        #expect(try await store.handledAmong([1, 2, 3, 4, 5]) == [1, 2, 3, 4, 5])
        // A poll with offset 4 succeeded: the server will never send 1...3 again.
        try await store.saveOffset(6, acknowledged: 4)
        #expect(try await store.handledAmong([1, 2, 3, 4, 5]) == [4, 5])
    }

    @Test func dropPendingDropsOnlyUnsentReplies() async throws {
        let store = try StateStore(directory: temporaryDirectory())
        defer { store.close() }
        let items = try #require(try await store.recordTurn(HandledTurn(updateID: 1, chatID: 1, state: nil, replies: ["a", "b"], replyTo: nil)))
        try await store.markSent(items[0].id)
        #expect(try await store.dropPendingReplies() == 1)
        #expect(try await store.pendingReplies().isEmpty)
    }

    @Test func theSchemaIsVersionedAndTheFileIsPrivate() async throws {
        let directory = temporaryDirectory()
        let store = try StateStore(directory: directory)
        defer { store.close() }
        let applied = try await store.pool.read { db in try StateStore.migrator.appliedIdentifiers(db) }
        #expect(applied.contains("v1: offset, handled updates, conversations, outbox"))
        let journal = try await store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
        let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/" + StateStore.fileName)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func asecondDaemonOnTheSameDataDirectoryIsRefused() throws {
        let directory = temporaryDirectory()
        let lock = try DataDirectoryLock(directory: directory)
        #expect(throws: DataDirectoryLockError.self) { _ = try DataDirectoryLock(directory: directory) }
        _ = lock
    }
}
