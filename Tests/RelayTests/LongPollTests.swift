import Foundation
import HTTPTypes
import SharedTestSupport
import Testing

@testable import Relay

/// Long polls return as soon as there is something to return, and empty after their timeout.
@Suite struct LongPollTests {
    @Test func getUpdatesReturnsAtOnceWhenAMessageArrives() async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            let started = ContinuousClock.now
            // The relay's longest poll (50 s), so that "at once" and "after the timeout" stay far apart on any machine.
            async let poll = relay.request(.get, relay.bot("getUpdates", query: "timeout=50"), timeout: .seconds(60))
            try await relay.waitUntilBotPolling()
            try await relay.say("我的花呗被冻结了", in: chat)
            let reply = try await poll
            let elapsed = started.duration(to: .now)
            #expect(reply.status == 200)
            #expect(reply.json["result"][0]["message"]["text"].string == "我的花呗被冻结了")
            #expect(elapsed < .seconds(25), "the poll (timeout 50 s) waited \(elapsed) instead of returning at once")
        }
    }

    @Test func getUpdatesReturnsEmptyAfterItsTimeout() async throws {
        try await RelayHarness.withRelay { relay in
            let started = ContinuousClock.now
            let reply = try await relay.request(.get, relay.bot("getUpdates", query: "timeout=1"))
            let elapsed = started.duration(to: .now)
            #expect(reply.status == 200)
            #expect(reply.json["result"].array?.isEmpty == true)
            #expect(elapsed >= .milliseconds(900))
            #expect(elapsed < TestSlowdown.scaled(.seconds(20)))
        }
    }

    @Test func browserPollReturnsAtOnceWhenTheBotReplies() async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            let chatID = try await relay.telegramChatID(of: chat)
            let history = try await relay.messages(in: chat)
            let lastID = try #require(history.json["messages"].array?.last?["id"].int)

            async let poll = relay.messages(in: chat, after: lastID, timeout: 30)
            try await relay.waitUntilChatPolling(chatID)
            let sent = try await relay.post(relay.bot("sendMessage"), json: #"{"chat_id":\#(chatID),"text":"收到：hello"}"#)
            #expect(sent.status == 200)
            let reply = try await poll
            #expect(reply.status == 200)
            let messages = try #require(reply.json["messages"].array)
            #expect(messages.count == 1)
            #expect(messages.first?["from"].string == "bot")
            #expect(messages.first?["text"].string == "收到：hello")
        }
    }

    @Test func browserPollTimesOutEmpty() async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            let started = ContinuousClock.now
            let reply = try await relay.messages(in: chat, after: 0, timeout: 1)
            #expect(reply.status == 200)
            #expect(reply.json["messages"].array?.isEmpty == true)
            #expect(started.duration(to: .now) >= .milliseconds(900))
        }
    }

    @Test func gracefulShutdownEndsWaitingPollsAtOnce() async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            let chatID = try await relay.telegramChatID(of: chat)
            let pending = try await relay.request(.get, relay.bot("getUpdates"))
            let next = try #require(pending.json["result"][0]["update_id"].int) + 1
            let started = ContinuousClock.now
            async let botPoll = relay.request(
                .get, relay.bot("getUpdates", query: "offset=\(next)&timeout=50"), timeout: .seconds(60))
            async let browserPoll = relay.messages(in: chat, after: 1_000_000, timeout: 50)
            try await relay.waitUntilBotPolling()
            try await relay.waitUntilChatPolling(chatID)
            await relay.shutdown()
            let (bot, browser) = try await (botPoll, browserPoll)
            #expect(bot.status == 200)
            #expect(browser.status == 200)
            #expect(browser.json["messages"].array?.isEmpty == true)
            #expect(started.duration(to: .now) < .seconds(20))
        }
    }
}
