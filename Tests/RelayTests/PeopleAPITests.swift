import Foundation
import HTTPTypes
import Testing

@testable import Relay

/// The people-side API: chats, messages, long polls and the token check.
@Suite struct PeopleAPITests {
    @Test func createChatReturnsAnUnguessableIDAndToken() async throws {
        try await RelayHarness.withRelay { relay in
            let reply = try await relay.request(.post, "/api/chats")
            #expect(reply.status == 201)
            #expect(reply.json.keys == ["chat_id", "token"])
            let chatID = try #require(reply.json["chat_id"].string)
            let token = try #require(reply.json["token"].string)
            // base64url of 16 and 32 random bytes: at least 128 bits each.
            #expect(chatID.count >= 22)
            #expect(token.count >= 43)
            let other = try await relay.createChat()
            #expect(other.id != chatID && other.token != token)
        }
    }

    @Test func postAndReadMessages() async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            let reply = try await relay.post(
                "/api/chats/\(chat.id)/messages", json: #"{"text":"我的花呗被冻结了"}"#, headers: chat.authorization)
            #expect(reply.status == 201)
            #expect(reply.json.keys == ["id"])
            let id = try #require(reply.json["id"].int)

            let history = try await relay.messages(in: chat)
            #expect(history.status == 200)
            let message = try #require(history.json["messages"].array?.first)
            #expect(message.keys == ["id", "from", "text", "time"])
            #expect(message["id"].int == id)
            #expect(message["from"].string == "user")
            #expect(message["text"].string == "我的花呗被冻结了")
            #expect(message["time"].int != nil)

            let after = try await relay.messages(in: chat, after: id)
            #expect(after.json["messages"].array?.isEmpty == true)
        }
    }

    @Test func chatsAreSeparate() async throws {
        try await RelayHarness.withRelay { relay in
            let alice = try await relay.createChat()
            let bob = try await relay.createChat()
            try await relay.say("alice", in: alice)
            let bobsView = try await relay.messages(in: bob)
            #expect(bobsView.json["messages"].array?.isEmpty == true)
            // Bob's token does not open Alice's chat.
            let crossed = try await relay.request(
                .get, "/api/chats/\(alice.id)/messages", headers: bob.authorization)
            #expect(crossed.status == 401)
        }
    }

    @Test func wrongMissingOrMalformedTokensGetTheSame401() async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            try await relay.say("只有我能看", in: chat)
            let attempts: [(String, [String: String])] = [
                ("/api/chats/\(chat.id)/messages", [:]),
                ("/api/chats/\(chat.id)/messages", ["Authorization": "Bearer wrong"]),
                ("/api/chats/\(chat.id)/messages", ["Authorization": "Basic \(chat.token)"]),
                ("/api/chats/\(chat.id)/messages", ["Authorization": "Bearer"]),
                ("/api/chats/unknown-chat/messages", chat.authorization),
                ("/api/chats/unknown-chat/messages", ["Authorization": "Bearer wrong"]),
            ]
            var bodies: Set<String> = []
            for (path, headers) in attempts {
                let reply = try await relay.request(.get, path, headers: headers)
                #expect(reply.status == 401, "\(path) \(headers)")
                #expect(reply.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                #expect(!reply.text.contains("只有我能看"))
                bodies.insert(reply.text)
                let post = try await relay.post(path, json: #"{"text":"x"}"#, headers: headers)
                #expect(post.status == 401)
                bodies.insert(post.text)
            }
            // One identical answer whether the chat exists or not.
            #expect(bodies.count == 1)
            // Nothing was added by the refused posts.
            let history = try await relay.messages(in: chat)
            #expect(history.json["messages"].array?.count == 1)
        }
    }

    @Test func statusTellsWhetherTheBotPolls() async throws {
        let configuration = RelayHarness.configuration { $0.botOfflineAfter = 1 }
        try await RelayHarness.withRelay(configuration) { relay in
            let before = try await relay.request(.get, "/api/status")
            #expect(before.status == 200)
            #expect(before.json["bot_online"].bool == false)
            #expect(before.json["bot_polling"].bool == false)
            #expect(before.json["bot_last_seen_seconds_ago"].isNull)

            // A long poll that a message ends, not its own timeout: a 2-second poll could end before a loaded
            // machine saw it waiting, and then nothing would ever wait again.
            let chat = try await relay.createChat()
            async let poll = relay.request(.get, relay.bot("getUpdates", query: "timeout=50"), timeout: .seconds(60))
            try await relay.waitUntilBotPolling()
            let during = try await relay.request(.get, "/api/status")
            #expect(during.json["bot_online"].bool == true)
            #expect(during.json["bot_polling"].bool == true)
            #expect(during.json["bot_last_seen_seconds_ago"].int == 0)
            try await relay.say("hello", in: chat)
            #expect(try await poll.json["result"].array?.count == 1)

            // With no poll for longer than the threshold, the bot is offline again.
            try await relay.eventually("bot reported offline") {
                try await relay.request(.get, "/api/status").json["bot_online"].bool == false
            }
        }
    }
}
