import Foundation
import Testing

@testable import Relay

/// Concurrent writes share transactions, yet each keeps its own outcome, and what was acknowledged is on disk.
@Suite struct GroupCommitTests {
    @Test func concurrentWritesKeepTheirLimitsAndSurviveReopening() async throws {
        let directory = RelayHarness.makeTemporaryDirectory()
        let limit = 20
        let store = try RelayStore(directory: directory)
        let chat = try await store.createChat(
            publicID: "group-commit", tokenDigest: Array(repeating: 1, count: 32), now: 0, maxChats: 10)
        let outcomes = await withTaskGroup(of: Result<PendingUpdate, RelayStoreError>.self) { group in
            for index in 0..<50 {
                group.addTask {
                    do throws(RelayStoreError) {
                        return .success(
                            try await store.appendUserMessage(
                                chatID: chat.id, text: "message \(index)", date: 0, maxPendingUpdates: limit,
                                maxMessagesPerChat: 1_000))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            var outcomes: [Result<PendingUpdate, RelayStoreError>] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        let stored = outcomes.compactMap { try? $0.get() }
        let refused = outcomes.compactMap { if case .failure(let error) = $0 { error } else { nil } }
        #expect(stored.count == limit)
        #expect(refused.count == 50 - limit)
        #expect(refused.allSatisfy { $0 == .queueFull })
        #expect(Set(stored.map(\.updateID)).count == limit)
        store.close()

        let reopened = try RelayStore(directory: directory)
        defer { reopened.close() }
        #expect(try await reopened.pendingUpdateCount() == limit)
        let messages = try await reopened.messages(chatID: chat.id, after: 0, limit: 100)
        #expect(Set(messages.map(\.text)) == Set(stored.map(\.message.text)))
        // A message stored now is served from memory and from the database alike.
        let later = try await reopened.appendBotMessage(
            chatID: chat.id, text: "reply", date: 0, replyTo: nil, maxMessagesPerChat: 1_000)
        let tail = try await reopened.messages(chatID: chat.id, after: messages.last?.id ?? 0, limit: 100)
        #expect(tail == [later.message])
    }
}
