import Foundation
import HTTPTypes
import Testing

@testable import Relay

/// Bad requests get a clear 4xx and leave the stored data intact.
@Suite struct BadInputTests {
    /// A chat with one stored message, and a check that it still holds exactly that.
    private func withChat(
        _ configuration: RelayConfiguration = RelayHarness.configuration(),
        _ body: @escaping @Sendable (RelayHarness, RelayHarness.Chat) async throws -> Void
    ) async throws {
        try await RelayHarness.withRelay(configuration) { relay in
            let chat = try await relay.createChat()
            try await relay.say("原来的消息", in: chat)
            try await body(relay, chat)
            let history = try await relay.messages(in: chat)
            let texts = history.json["messages"].array?.compactMap { $0["text"].string }
            #expect(texts?.first == "原来的消息")
            let updates = try await relay.request(.get, relay.bot("getUpdates"))
            #expect(updates.json["result"][0]["message"]["text"].string == "原来的消息")
        }
    }

    @Test func invalidJSON() async throws {
        try await withChat { relay, chat in
            for body in [#"{"text": "#, "not json", "[1,2]", #""just a string""#] {
                let reply = try await relay.post("/api/chats/\(chat.id)/messages", json: body, headers: chat.authorization)
                #expect(reply.status == 400, "\(body)")
                #expect(reply.json["error"].string == "invalid_json")
            }
            let bot = try await relay.post(relay.bot("sendMessage"), json: #"{"chat_id": 1, "#)
            #expect(bot.status == 400)
            #expect(bot.json["ok"].bool == false)
            #expect(bot.json["description"].string?.hasPrefix("Bad Request") == true)
        }
    }

    @Test func invalidUTF8() async throws {
        try await withChat { relay, chat in
            let bytes: [UInt8] = Array(#"{"text":""#.utf8) + [0xE8, 0x8A, 0xB1, 0xFF, 0xFE] + Array(#""}"#.utf8)
            var headers = chat.authorization
            headers["Content-Type"] = "application/json"
            let reply = try await relay.request(.post, "/api/chats/\(chat.id)/messages", headers: headers, body: bytes)
            #expect(reply.status == 400)
            #expect(reply.json["error"].string == "invalid_utf8")

            let botBody: [UInt8] = Array(#"{"chat_id":1,"text":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
            let bot = try await relay.request(
                .post, relay.bot("sendMessage"), headers: ["Content-Type": "application/json"], body: botBody)
            #expect(bot.status == 400)
            #expect(bot.json["description"].string == "Bad Request: strings must be encoded in UTF-8")

            let query = try await relay.request(.get, relay.bot("sendMessage", query: "chat_id=1&text=%C3%28"))
            #expect(query.status == 400)
            #expect(query.json["description"].string == "Bad Request: strings must be encoded in UTF-8")
        }
    }

    @Test func bodyTooLarge() async throws {
        let configuration = RelayHarness.configuration { $0.maxBodySize = 2048 }
        try await withChat(configuration) { relay, chat in
            let big = try jsonObject(["text": String(repeating: "a", count: 4000)])
            let reply = try await relay.post("/api/chats/\(chat.id)/messages", json: big, headers: chat.authorization)
            #expect(reply.status == 413)
            #expect(reply.json["error"].string == "body_too_large")
            let bot = try await relay.post(relay.bot("sendMessage"), json: big)
            #expect(bot.status == 413)
            #expect(bot.json["ok"].bool == false)
            #expect(bot.json["error_code"].int == 413)
        }
    }

    @Test func missingEmptyOrTooLongText() async throws {
        try await withChat { relay, chat in
            let cases: [(String, String)] = [
                (#"{}"#, "missing_text"),
                (#"{"text": 42}"#, "missing_text"),
                (#"{"text": "   "}"#, "empty_text"),
                (try jsonObject(["text": String(repeating: "冻", count: 4097)]), "text_too_long"),
            ]
            for (body, code) in cases {
                let reply = try await relay.post("/api/chats/\(chat.id)/messages", json: body, headers: chat.authorization)
                #expect(reply.status == 400, "\(code)")
                #expect(reply.json["error"].string == code)
            }
            let longest = try jsonObject(["text": String(repeating: "冻", count: 4096)])
            let fits = try await relay.post("/api/chats/\(chat.id)/messages", json: longest, headers: chat.authorization)
            #expect(fits.status == 201)
        }
    }

    @Test(arguments: ["timeout=61", "timeout=-1", "timeout=99999999999999999999", "after=-1", "after=x", "limit=0", "limit=101"])
    func hugeOrInvalidPollParameters(query: String) async throws {
        try await withChat { relay, chat in
            let reply = try await relay.request(.get, "/api/chats/\(chat.id)/messages?\(query)", headers: chat.authorization)
            #expect(reply.status == 400)
            #expect(reply.json["error"].string == "invalid_parameter")
        }
    }

    @Test func unknownChatOnTheBotSide() async throws {
        try await withChat { relay, _ in
            let reply = try await relay.post(relay.bot("sendMessage"), json: #"{"chat_id":5,"text":"hi"}"#)
            #expect(reply.status == 400)
            #expect(reply.json["description"].string == "Bad Request: chat not found")
        }
    }

    @Test func perChatFloodIsRateLimited() async throws {
        let configuration = RelayHarness.configuration { $0.chatMessageRate = .init(perSecond: 0.01, burst: 3) }  // no refill while the test runs
        try await withChat(configuration) { relay, chat in
            // One token went to the first message; two more fit the burst.
            for index in 0..<2 { try await relay.say("第\(index)条", in: chat) }
            let limited = try await relay.post(
                "/api/chats/\(chat.id)/messages", json: #"{"text":"太快了"}"#, headers: chat.authorization)
            #expect(limited.status == 429)
            #expect(limited.json["error"].string == "rate_limited")
            let retryAfter = try #require(limited.json["retry_after"].int)
            #expect(retryAfter >= 1)
            #expect(limited.headers[.retryAfter] == String(retryAfter))
            // Another chat is not affected.
            let other = try await relay.createChat()
            try await relay.say("别的对话", in: other)
        }
    }

    @Test func perAddressFloodIsRateLimited() async throws {
        let configuration = RelayHarness.configuration { $0.addressRate = .init(perSecond: 0.001, burst: 5) }  // no refill while the test runs, however slow
        try await RelayHarness.withRelay(configuration) { relay in
            var statuses: [Int] = []
            for _ in 0..<8 { statuses.append(try await relay.request(.post, "/api/chats").status) }
            #expect(statuses.prefix(5).allSatisfy { $0 == 201 })
            #expect(statuses.suffix(3).allSatisfy { $0 == 429 })
        }
    }

    @Test func fullQueueRejectsNewMessagesAndKeepsTheOldOnes() async throws {
        let configuration = RelayHarness.configuration { $0.maxPendingUpdates = 3 }
        try await RelayHarness.withRelay(configuration) { relay in
            let chat = try await relay.createChat()
            for index in 0..<3 { try await relay.say("m\(index)", in: chat) }
            let full = try await relay.post("/api/chats/\(chat.id)/messages", json: #"{"text":"m3"}"#, headers: chat.authorization)
            #expect(full.status == 503)
            #expect(full.json["error"].string == "queue_full")
            #expect(full.headers[.retryAfter] != nil)
            let updates = try await relay.request(.get, relay.bot("getUpdates"))
            #expect(updates.json["result"].array?.compactMap { $0["message"]["text"].string } == ["m0", "m1", "m2"])
            // Once the bot confirms, there is room again.
            let last = try #require(updates.json["result"][2]["update_id"].int)
            _ = try await relay.request(.get, relay.bot("getUpdates", query: "offset=\(last + 1)"))
            try await relay.say("m3", in: chat)
        }
    }

    @Test func fullChatRejectsNewMessages() async throws {
        let configuration = RelayHarness.configuration { $0.maxMessagesPerChat = 2 }
        try await RelayHarness.withRelay(configuration) { relay in
            let chat = try await relay.createChat()
            let chatID = try await relay.telegramChatID(of: chat)
            try await relay.say("second", in: chat)
            let user = try await relay.post("/api/chats/\(chat.id)/messages", json: #"{"text":"third"}"#, headers: chat.authorization)
            #expect(user.status == 409)
            #expect(user.json["error"].string == "chat_full")
            let bot = try await relay.post(relay.bot("sendMessage"), json: #"{"chat_id":\#(chatID),"text":"reply"}"#)
            #expect(bot.status == 400)
            #expect(bot.json["description"].string == "Bad Request: chat is full")
            let history = try await relay.messages(in: chat)
            #expect(history.json["messages"].array?.count == 2)
        }
    }

    @Test func tooManyChats() async throws {
        let configuration = RelayHarness.configuration { $0.maxChats = 2 }
        try await RelayHarness.withRelay(configuration) { relay in
            _ = try await relay.createChat()
            _ = try await relay.createChat()
            let refused = try await relay.request(.post, "/api/chats")
            #expect(refused.status == 503)
            #expect(refused.json["error"].string == "relay_full")
        }
    }
}
