import Foundation
import HTTPTypes
import Testing

@testable import Relay

/// `sendMessage`: the reply reaches the browser; Telegram's errors for bad calls and for going too fast.
@Suite struct SendMessageTests {
    @Test func sendMessageReturnsTheMessageFromTheBot() async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            let chatID = try await relay.telegramChatID(of: chat)
            let reply = try await relay.post(relay.bot("sendMessage"), json: #"{"chat_id":\#(chatID),"text":"收到：hello"}"#)
            #expect(reply.status == 200)
            #expect(reply.json["ok"].bool == true)
            let message = reply.json["result"]
            #expect(message["message_id"].int != nil)
            #expect(message["from"]["is_bot"].bool == true)
            #expect(message["from"]["username"].string == "huabei_bot")
            #expect(message["chat"]["id"].int == chatID)
            #expect(message["chat"]["type"].string == "private")
            #expect(message["text"].string == "收到：hello")
            #expect(message["date"].int != nil)

            let history = try await relay.messages(in: chat)
            let last = history.json["messages"].array?.last
            #expect(last?["from"].string == "bot")
            #expect(last?["text"].string == "收到：hello")
            #expect(last?["id"].int == message["message_id"].int)
        }
    }

    @Test func chatIDAsStringAndReplyTo() async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            let question = try await relay.say("花呗冻结了怎么办", in: chat)
            let update = try await relay.request(.get, relay.bot("getUpdates"))
            let chatID = try #require(update.json["result"][0]["message"]["chat"]["id"].int)
            let reply = try await relay.post(
                relay.bot("sendMessage"), json: #"{"chat_id":"\#(chatID)","text":"别急","reply_to_message_id":\#(question)}"#)
            #expect(reply.status == 200)
            #expect(reply.json["result"]["reply_to_message"]["message_id"].int == question)
            #expect(reply.json["result"]["reply_to_message"]["text"].string == "花呗冻结了怎么办")
        }
    }

    @Test func replyToAMissingMessage() async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            let chatID = try await relay.telegramChatID(of: chat)
            let refused = try await relay.post(
                relay.bot("sendMessage"), json: #"{"chat_id":\#(chatID),"text":"x","reply_to_message_id":999999}"#)
            #expect(refused.status == 400)
            #expect(refused.json["description"].string == "Bad Request: message to be replied not found")
            let allowed = try await relay.post(
                relay.bot("sendMessage"),
                json: #"{"chat_id":\#(chatID),"text":"x","reply_to_message_id":999999,"allow_sending_without_reply":true}"#)
            #expect(allowed.status == 200)
        }
    }

    @Test(arguments: [
        (#"{"chat_id":424242424242,"text":"hi"}"#, "Bad Request: chat not found"),
        (#"{"chat_id":"@somechannel","text":"hi"}"#, "Bad Request: chat not found"),
        (#"{"text":"hi"}"#, "Bad Request: chat_id is empty"),
    ])
    func unknownOrMissingChat(body: String, description: String) async throws {
        try await RelayHarness.withRelay { relay in
            let reply = try await relay.post(relay.bot("sendMessage"), json: body)
            #expect(reply.status == 400)
            #expect(reply.json["ok"].bool == false)
            #expect(reply.json["error_code"].int == 400)
            #expect(reply.json["description"].string == description)
        }
    }

    @Test func emptyTextIsRefused() async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            let chatID = try await relay.telegramChatID(of: chat)
            for body in [#"{"chat_id":\#(chatID)}"#, #"{"chat_id":\#(chatID),"text":"  \n "}"#] {
                let reply = try await relay.post(relay.bot("sendMessage"), json: body)
                #expect(reply.status == 400)
                #expect(reply.json["description"].string == "Bad Request: message text is empty")
            }
        }
    }

    @Test func textOver4096CharactersIsRefused() async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            let chatID = try await relay.telegramChatID(of: chat)
            let longest = String(repeating: "花", count: 4096)
            let fits = try await relay.post(relay.bot("sendMessage"), json: #"{"chat_id":\#(chatID),"text":"\#(longest)"}"#)
            #expect(fits.status == 200)
            let tooLong = try await relay.post(
                relay.bot("sendMessage"), json: #"{"chat_id":\#(chatID),"text":"\#(longest)呗"}"#)
            #expect(tooLong.status == 400)
            #expect(tooLong.json["error_code"].int == 400)
            #expect(tooLong.json["description"].string == "Bad Request: message is too long")
            let history = try await relay.messages(in: chat)
            #expect(history.json["messages"].array?.count == 2)
        }
    }

    @Test func overTheSendRateIsTooManyRequestsWithRetryAfter() async throws {
        let configuration = RelayHarness.configuration { $0.sendRate = .init(perSecond: 0.01, burst: 2) }  // no refill while the test runs, however slow
        try await RelayHarness.withRelay(configuration) { relay in
            let chat = try await relay.createChat()
            let chatID = try await relay.telegramChatID(of: chat)
            let body = #"{"chat_id":\#(chatID),"text":"hi"}"#
            for _ in 0..<2 {
                #expect(try await relay.post(relay.bot("sendMessage"), json: body).status == 200)
            }
            let limited = try await relay.post(relay.bot("sendMessage"), json: body)
            #expect(limited.status == 429)
            #expect(limited.json["ok"].bool == false)
            #expect(limited.json["error_code"].int == 429)
            let retryAfter = try #require(limited.json["parameters"]["retry_after"].int)
            #expect((1...100).contains(retryAfter))  // one token every 100 s
            #expect(limited.json["description"].string == "Too Many Requests: retry after \(retryAfter)")
            #expect(limited.headers[.retryAfter] == String(retryAfter))
            // Only the two accepted replies were stored.
            let history = try await relay.messages(in: chat)
            #expect(history.json["messages"].array?.filter { $0["from"].string == "bot" }.count == 2)
        }
    }

    @Test func sendChatActionAndWebhookCalls() async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            let chatID = try await relay.telegramChatID(of: chat)
            let action = try await relay.post(relay.bot("sendChatAction"), json: #"{"chat_id":\#(chatID),"action":"typing"}"#)
            #expect(action.json["result"].bool == true)
            let webhook = try await relay.request(.get, relay.bot("deleteWebhook"))
            #expect(webhook.json["result"].bool == true)
            let info = try await relay.request(.get, relay.bot("getWebhookInfo"))
            #expect(info.json["result"]["url"].string == "")
            #expect(info.json["result"]["pending_update_count"].int == 1)
        }
    }
}
