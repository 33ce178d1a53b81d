@testable import Bot
import BotConfig
import Channels
import Foundation
import SharedTestSupport
import Testing

/// Delivery on a channel with idempotent replies (the local relay): every reply carries its outbox row's permanent
/// key, many replies are on the wire at once with each chat's still in order, and a resend after a crash or a lost
/// answer shows nothing twice. On a channel without them (Telegram) one reply is on the wire and no key is sent.
@Suite(.trainedEngine)
struct IdempotentDeliveryTests {
    /// Stores `chats` × `perChat` pending replies ("c<chat>-<n>") as a daemon would have before stopping.
    static func fillOutbox(_ harness: DaemonHarness, chats: Int, perChat: Int) async throws -> [OutboxItem] {
        let store = try harness.openStore()
        defer { store.close() }
        var updateID: Int64 = 1
        for round in 0..<perChat {
            for chat in 1...chats {
                _ = try await store.recordTurn(
                    HandledTurn(updateID: updateID, chatID: Int64(chat), state: nil, replies: ["c\(chat)-\(round)"], replyTo: nil))
                updateID += 1
            }
        }
        try await store.saveOffset(updateID, acknowledged: 0)
        return try await store.pendingReplies()
    }

    static func expectInOrder(_ channel: FakeChannel, chats: Int, perChat: Int) {
        for chat in 1...chats {
            #expect(channel.sent(to: Int64(chat)) == (0..<perChat).map { "c\(chat)-\($0)" })
        }
    }

    @Test func eachReplyCarriesAKeyMadeOfTheStoresRandomIDAndItsRowID() async throws {
        let harness = DaemonHarness(channel: FakeChannel(idempotent: true))
        let pending = try await Self.fillOutbox(harness, chats: 2, perChat: 2)
        let store = try harness.openStore()
        let instanceID = store.instanceID
        store.close()
        #expect(instanceID.count == 32 && instanceID.allSatisfy(\.isHexDigit))
        // Made once, when the database was created.
        let reopened = try harness.openStore()
        #expect(reopened.instanceID == instanceID)
        reopened.close()
        let other = try StateStore(directory: temporaryDirectory())
        #expect(other.instanceID != instanceID)
        other.close()
        #expect(pending.map(\.idempotencyKey) == pending.map { "\(instanceID)-\($0.id)" })

        let channel = harness.channel
        try await harness.run { _ in
            await eventually("four replies") { channel.sent.count == 4 }
        }
        #expect(Set(channel.sentKeys.compactMap { $0 }) == Set(pending.compactMap(\.idempotencyKey)))
        #expect(channel.sentKeys.count == 4)
    }

    @Test func manyRepliesAreOnTheWireAtOnceAndEachChatsStayInOrder() async throws {
        let harness = DaemonHarness(channel: FakeChannel(idempotent: true))
        _ = try await Self.fillOutbox(harness, chats: 10, perChat: 3)
        let channel = harness.channel
        channel.holdSends()
        try await harness.run { runtime in
            #expect(runtime.delivery.settings.maxInFlight == 8)
            // Ten chats wait: eight of them have their first reply on the wire at the same time (the cap); none has two.
            await eventually("eight replies on the wire") { channel.sendsInFlight == 8 }
            channel.releaseSends()
            await eventually("thirty replies") { channel.sent.count == 30 }
        }
        #expect(channel.mostInFlight == 8)
        #expect(channel.mostInFlightInOneChat == 1)
        Self.expectInOrder(channel, chats: 10, perChat: 3)
    }

    @Test func withoutIdempotentRepliesOneReplyIsOnTheWireAndNoKeyIsSent() async throws {
        let harness = DaemonHarness(channel: FakeChannel(idempotent: false))
        _ = try await Self.fillOutbox(harness, chats: 5, perChat: 2)
        let channel = harness.channel
        channel.holdSends()
        try await harness.run { runtime in
            #expect(runtime.delivery.settings.maxInFlight == 1)
            await eventually("a reply on the wire") { channel.sendsInFlight == 1 }
            channel.releaseSends()
            await eventually("ten replies") { channel.sent.count == 10 }
        }
        #expect(channel.mostInFlight == 1)
        #expect(channel.sentKeys.allSatisfy { $0 == nil })
        Self.expectInOrder(channel, chats: 5, perChat: 2)
    }

    @Test func anExplicitMaxInFlightWins() async throws {
        var configuration = TestBrain.fastConfiguration()
        configuration.delivery.maxInFlight = 3
        let harness = DaemonHarness(channel: FakeChannel(idempotent: true), configuration: configuration)
        _ = try await Self.fillOutbox(harness, chats: 6, perChat: 1)
        let channel = harness.channel
        channel.holdSends()
        try await harness.run { runtime in
            await eventually("three replies on the wire") { channel.sendsInFlight == 3 }
            channel.releaseSends()
            await eventually("six replies") { channel.sent.count == 6 }
        }
        #expect(channel.mostInFlight == 3)
    }

    /// The state a `kill -9` leaves: the server took some replies, but the daemon died before it marked them sent.
    @Test func afterACrashTheOutboxIsResentWithTheSameKeysAndNothingShowsTwice() async throws {
        let harness = DaemonHarness(channel: FakeChannel(idempotent: true))
        let pending = try await Self.fillOutbox(harness, chats: 4, perChat: 3)
        let channel = harness.channel
        let taken = pending.prefix(7)
        for item in taken {
            _ = try await channel.sendMessage(
                chatID: item.chatID, text: item.text, replyTo: item.replyTo, idempotencyKey: item.idempotencyKey)
        }
        try await harness.run { runtime in
            await eventually("every reply resent") { channel.sendAttempts == 7 + pending.count }
            await eventually("the outbox empty") { (try? await runtime.store.pendingReplies().count) == 0 }
        }
        #expect(channel.sent.count == pending.count)
        Self.expectInOrder(channel, chats: 4, perChat: 3)
        // The resends of the replies the server had taken used the same keys.
        let keys = channel.sentKeys.compactMap { $0 }
        for item in taken { #expect(keys.filter { $0 == item.idempotencyKey }.count == 2) }
    }

    @Test func aLostAnswerIsRetriedWithTheSameKeyAndShowsOnce() async throws {
        let harness = DaemonHarness(channel: FakeChannel(idempotent: true))
        _ = try await Self.fillOutbox(harness, chats: 3, perChat: 2)
        let channel = harness.channel
        channel.loseAnswers(3)
        try await harness.run { runtime in
            await eventually("the outbox empty") { (try? await runtime.store.pendingReplies().count) == 0 }
        }
        #expect(channel.sendAttempts == 9)
        #expect(channel.sent.count == 6)
        Self.expectInOrder(channel, chats: 3, perChat: 2)
    }
}
