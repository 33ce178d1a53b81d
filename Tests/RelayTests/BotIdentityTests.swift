import Foundation
import HTTPTypes
import Testing

@testable import Relay

/// `getMe`, the token check, unknown methods, and the parameter encodings Telegram accepts.
@Suite struct BotIdentityTests {
    @Test func getMeReturnsTheBotInTelegramShape() async throws {
        try await RelayHarness.withRelay { relay in
            let reply = try await relay.request(.get, relay.bot("getMe"))
            #expect(reply.status == 200)
            #expect(reply.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(reply.json["ok"].bool == true)
            let me = reply.json["result"]
            #expect(me["id"].int == 123_456_789)
            #expect(me["is_bot"].bool == true)
            #expect(me["first_name"].string == "HuabeiBot")
            #expect(me["username"].string == "huabei_bot")
        }
    }

    @Test(arguments: ["/bot123456789:wrong-token_ABCDEFGHIJKLMNOPQ/getMe", "/botx/getUpdates", "/bot/sendMessage"])
    func wrongTokenIsUnauthorized(path: String) async throws {
        try await RelayHarness.withRelay { relay in
            let reply = try await relay.request(.get, path)
            #expect(reply.status == 401)
            #expect(reply.json["ok"].bool == false)
            #expect(reply.json["error_code"].int == 401)
            #expect(reply.json["description"].string == "Unauthorized")
        }
    }

    @Test func wrongTokenRevealsNothingAndIsNotLogged() async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            try await relay.say("秘密消息", in: chat)
            let wrong = try await relay.request(.get, "/bot123456789:nearly-right/getUpdates")
            #expect(wrong.status == 401)
            #expect(!wrong.text.contains("秘密消息"))
            let right = try await relay.request(.get, relay.bot("getUpdates"))
            #expect(right.json["result"].array?.count == 1)
            // Requests were logged at debug level, with the token redacted.
            #expect(relay.logs.all.contains { $0.contains("/bot<token>/getUpdates") })
            #expect(!relay.logs.all.contains { $0.contains("relay-test-token") })
        }
    }

    @Test func unknownMethodIsNotFound() async throws {
        try await RelayHarness.withRelay { relay in
            let reply = try await relay.request(.post, relay.bot("sendPhoto"))
            #expect(reply.status == 404)
            #expect(reply.json["error_code"].int == 404)
            #expect(reply.json["description"].string == "Not Found")
        }
    }

    @Test func methodNamesAreCaseInsensitiveAndPostWorks() async throws {
        try await RelayHarness.withRelay { relay in
            let reply = try await relay.request(.post, relay.bot("getme"))
            #expect(reply.status == 200)
            #expect(reply.json["result"]["is_bot"].bool == true)
        }
    }

    /// `sendMessage` with the same parameters as query, JSON, urlencoded form and multipart form.
    @Test(arguments: ["query", "json", "form", "multipart"])
    func parametersInEveryEncodingTelegramAccepts(encoding: String) async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            let chatID = try await relay.telegramChatID(of: chat)
            let text = "收到：你好 & 100% ok+"
            let reply: RelayHarness.Reply
            switch encoding {
            case "query":
                let escaped = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                reply = try await relay.request(.get, relay.bot("sendMessage", query: "chat_id=\(chatID)&text=\(escaped)"))
            case "json":
                reply = try await relay.post(relay.bot("sendMessage"), json: #"{"chat_id":\#(chatID),"text":"\#(text)"}"#)
            case "form":
                let escaped = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                reply = try await relay.request(
                    .post, relay.bot("sendMessage"), headers: ["Content-Type": "application/x-www-form-urlencoded"],
                    body: Array("chat_id=\(chatID)&text=\(escaped)".utf8))
            default:
                let boundary = "XyZ123"
                let body =
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n\(chatID)\r\n"
                    + "--\(boundary)\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n\(text)\r\n--\(boundary)--\r\n"
                reply = try await relay.request(
                    .post, relay.bot("sendMessage"), headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"],
                    body: Array(body.utf8))
            }
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.json["result"]["text"].string == text)
            #expect(reply.json["result"]["chat"]["id"].int == chatID)
        }
    }
}
