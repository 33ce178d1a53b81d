import Foundation
import Testing

@testable import Relay

/// A chat's message count, kept in memory by the store, bounds the chat exactly as counting its rows did: across
/// people's and bot's messages, concurrent writes, refused writes, and a reopened store.
@Suite struct MessageCountTests {
    static let digest = Array(repeating: UInt8(7), count: 32)

    @Test func theBoundHoldsAcrossSendersRefusalsAndReopening() async throws {
        let directory = RelayHarness.makeTemporaryDirectory()
        let bound = 12
        let store = try RelayStore(directory: directory)
        let chat = try await store.createChat(publicID: "counts", tokenDigest: Self.digest, now: 0, maxChats: 10)
        let first = try await store.appendUserMessage(
            chatID: chat.id, text: "hello", date: 0, maxPendingUpdates: 1_000, maxMessagesPerChat: bound)
        // A reply to a message that is not in this chat is refused before any change, and counts nothing.
        await #expect(throws: RelayStoreError.replyNotFound) {
            _ = try await store.appendBotMessage(
                chatID: chat.id, text: "lost", date: 0, replyTo: first.message.id + 1_000, maxMessagesPerChat: bound)
        }
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<20 {
                group.addTask {
                    do throws(RelayStoreError) {
                        if index.isMultiple(of: 2) {
                            _ = try await store.appendUserMessage(
                                chatID: chat.id, text: "person \(index)", date: 0, maxPendingUpdates: 1_000,
                                maxMessagesPerChat: bound)
                        } else {
                            _ = try await store.appendBotMessage(
                                chatID: chat.id, text: "bot \(index)", date: 0, replyTo: first.message.id,
                                maxMessagesPerChat: bound)
                        }
                        return true
                    } catch {
                        #expect(error == .chatFull)
                        return false
                    }
                }
            }
            var stored = 0
            for await outcome in group where outcome { stored += 1 }
            return stored
        }
        #expect(outcomes == bound - 1)
        #expect(try await store.messages(chatID: chat.id, after: 0, limit: 100).count == bound)
        store.close()

        // A new store counts the rows again: the chat is still full.
        let reopened = try RelayStore(directory: directory)
        defer { reopened.close() }
        await #expect(throws: RelayStoreError.chatFull) {
            _ = try await reopened.appendBotMessage(
                chatID: chat.id, text: "one more", date: 0, replyTo: nil, maxMessagesPerChat: bound)
        }
        // Another chat has its own count.
        let other = try await reopened.createChat(publicID: "other", tokenDigest: Self.digest, now: 0, maxChats: 10)
        _ = try await reopened.appendUserMessage(
            chatID: other.id, text: "hi", date: 0, maxPendingUpdates: 1_000, maxMessagesPerChat: bound)
    }
}
