import Foundation
import HTTPTypes
import Testing

@testable import Relay

/// `relay.retention_days`: chats idle that long go with their messages and queued updates; time moves by hand.
@Suite struct RetentionTests {
    @Test func idleChatsGoActiveOnesStay() async throws {
        try await RelayHarness.withRelay(RelayHarness.configuration { $0.retentionDays = 30 }) { relay in
            let idle = try await relay.createChat()
            let active = try await relay.createChat()
            _ = try await relay.say("第一条", in: idle)
            _ = try await relay.say("第二条", in: active)
            let now = Date()

            // 29 days on, nothing is old enough.
            #expect(await relay.server.sweepIdleChats(now: now + 29 * 86_400) == 0)
            #expect(try await relay.messages(in: idle).status == 200)

            // The active chat speaks again "later": store a message dated 20 days on.
            let activeID = try await relay.telegramChatID(of: active)
            _ = try await relay.server.storeForTests.appendUserMessage(
                chatID: activeID, text: "还在", date: Int64(now.timeIntervalSince1970) + 20 * 86_400, maxPendingUpdates: 100,
                maxMessagesPerChat: 100)

            // 31 days on: the idle chat, its messages and its queued update are gone; the active one stays.
            #expect(await relay.server.sweepIdleChats(now: now + 31 * 86_400) == 1)
            #expect(try await relay.messages(in: idle).status == 401)
            #expect(try await relay.messages(in: active).status == 200)
            #expect(try await relay.server.storeForTests.pendingUpdateCount() == 2)

            // 51 days on, the other one too.
            #expect(await relay.server.sweepIdleChats(now: now + 51 * 86_400) == 1)
            #expect(try await relay.server.storeForTests.chatCount() == 0)
            #expect(try await relay.server.storeForTests.pendingUpdateCount() == 0)
        }
    }

    @Test func deletedChatsLeaveTheMessageCacheToo() {
        let cache = RecentMessages(floor: 0)
        cache.record(StoredMessage(id: 1, chatID: 7, sender: .user, text: "身份证号", date: 0, replyTo: nil))
        cache.record(StoredMessage(id: 2, chatID: 8, sender: .user, text: "你好", date: 0, replyTo: nil))
        cache.forget(chatIDs: [7])
        #expect(cache.messages(chatID: 7, after: 0, limit: 10)?.isEmpty ?? true)
        #expect(cache.messages(chatID: 8, after: 0, limit: 10)?.map(\.id) == [2])
    }

    @Test func zeroKeepsEverything() async throws {
        try await RelayHarness.withRelay(RelayHarness.configuration { $0.retentionDays = 0 }) { relay in
            _ = try await relay.createChat()
            #expect(await relay.server.sweepIdleChats(now: Date() + 10_000 * 86_400) == 0)
        }
    }
}
