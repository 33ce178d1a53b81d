import BotConfig
import Channels
import Foundation
import HTTP
import Testing

/// Requests the client sends: method, URL, body and timeouts.
struct TelegramBotAPITests {
    static let token = "123456:secret-token_ABCDEFGH"

    static func api(_ http: FakeHTTPClient, base: String = "http://127.0.0.1:8080/") throws -> TelegramBotAPI {
        try TelegramBotAPI(
            kind: .local, baseURL: base, token: BotToken(token), http: http, requestTimeout: .seconds(7),
            pollMargin: .seconds(10))
    }

    @Test func getUpdatesPostsTheOffsetAndWaitsPollTimeoutPlusMargin() async throws {
        let http = FakeHTTPClient(json: #"{"ok":true,"result":[]}"#)
        let batch = try await Self.api(http).getUpdates(offset: 42, limit: 100, timeout: 30)
        #expect(batch.isEmpty)
        #expect(batch.nextOffset == nil)
        let call = try #require(http.calls.first)
        #expect(call.request.method == .post)
        #expect(call.request.url.absoluteString == "http://127.0.0.1:8080/bot\(Self.token)/getUpdates")
        #expect(call.request.headers.first(name: "Content-Type") == "application/json")
        #expect(call.parameters["offset"] as? Int == 42)
        #expect(call.parameters["limit"] as? Int == 100)
        #expect(call.parameters["timeout"] as? Int == 30)
        #expect(call.timeout == .seconds(40))
    }

    @Test func sendMessageRepliesAndAllowsAMissingTarget() async throws {
        let http = FakeHTTPClient(json: #"{"ok":true,"result":{"message_id":77,"chat":{"id":5,"type":"private"},"date":1,"text":"hi"}}"#)
        let id = try await Self.api(http).sendMessage(chatID: 5, text: "你好", replyTo: 9)
        #expect(id == 77)
        let call = try #require(http.calls.first)
        #expect(call.method == "sendMessage")
        #expect(call.parameters["chat_id"] as? Int == 5)
        #expect(call.parameters["text"] as? String == "你好")
        #expect(call.parameters["reply_to_message_id"] as? Int == 9)
        #expect(call.parameters["allow_sending_without_reply"] as? Bool == true)
        #expect(call.timeout == .seconds(7))
    }

    @Test func sendMessageWithoutReplyTargetOmitsIt() async throws {
        let http = FakeHTTPClient(json: #"{"ok":true,"result":{"message_id":1}}"#)
        _ = try await Self.api(http).sendMessage(chatID: 5, text: "x", replyTo: nil)
        let parameters = try #require(http.calls.first).parameters
        #expect(parameters["reply_to_message_id"] == nil)
        #expect(parameters["allow_sending_without_reply"] == nil)
    }

    /// The body as `JSONDecoder` reads it; unknown members would be refused by the equality check below.
    struct SendMessageBody: Decodable, Equatable {
        var chat_id: Int64
        var text: String
        var reply_to_message_id: Int64?
        var allow_sending_without_reply: Bool?
    }

    @Test(arguments: ["你好", "quote \" backslash \\ slash / end", "line\nbreak\ttab \u{0}\u{1F}\u{7F}", "😭👍🏽 \u{2028}", ""])
    func requestBodiesDecode(text: String) async throws {
        let http = FakeHTTPClient([
            .success(HTTPResponse(status: 200, headers: [:], body: Data(#"{"ok":true,"result":{"message_id":1}}"#.utf8))),
            .success(HTTPResponse(status: 200, headers: [:], body: Data(#"{"ok":true,"result":{"message_id":2}}"#.utf8))),
            .success(HTTPResponse(status: 200, headers: [:], body: Data(#"{"ok":true,"result":[]}"#.utf8))),
            .success(HTTPResponse(status: 200, headers: [:], body: Data(#"{"ok":true,"result":{"id":1,"is_bot":true}}"#.utf8))),
        ])
        let api = try Self.api(http)
        _ = try await api.sendMessage(chatID: -1_001_234_567_890, text: text, replyTo: Int64.max)
        _ = try await api.sendMessage(chatID: 5, text: text, replyTo: nil)
        _ = try await api.getUpdates(offset: Int64.max, limit: 100, timeout: 30)
        _ = try await api.getMe()
        let bodies = http.calls.map(\.request.body)
        try #require(bodies.count == 4)
        #expect(
            try JSONDecoder().decode(SendMessageBody.self, from: bodies[0])
                == SendMessageBody(chat_id: -1_001_234_567_890, text: text, reply_to_message_id: Int64.max, allow_sending_without_reply: true))
        #expect(try JSONDecoder().decode(SendMessageBody.self, from: bodies[1]) == SendMessageBody(chat_id: 5, text: text))
        #expect(http.calls[1].parameters.keys.sorted() == ["chat_id", "text"])
        #expect(String(decoding: bodies[2], as: UTF8.self) == #"{"offset":9223372036854775807,"limit":100,"timeout":30}"#)
        #expect(String(decoding: bodies[3], as: UTF8.self) == "{}")
    }

    @Test func getMeReadsTheIdentity() async throws {
        let http = FakeHTTPClient(
            json: #"{"ok":true,"result":{"id":1000000001,"is_bot":true,"first_name":"HuabeiBot","username":"huabei_bot","new_field":[1,2]}}"#)
        let me = try await Self.api(http).getMe()
        #expect(me == BotIdentity(id: 1_000_000_001, username: "huabei_bot", firstName: "HuabeiBot"))
        #expect(http.calls.first?.method == "getMe")
    }

    @Test func aBaseURLWithAPathPrefixKeepsIt() async throws {
        let http = FakeHTTPClient(json: #"{"ok":true,"result":[]}"#)
        _ = try await Self.api(http, base: "https://proxy.example/telegram/").getUpdates(offset: 0, limit: 1, timeout: 0)
        #expect(http.calls.first?.request.url.absoluteString == "https://proxy.example/telegram/bot\(Self.token)/getUpdates")
    }

    @Test(arguments: ["", "ftp://example.com", "not a url", "http://", "http://host/?q=1"])
    func aBadBaseURLIsRefusedWithoutTheToken(_ base: String) throws {
        let error = #expect(throws: ChannelSetupError.self) {
            _ = try TelegramBotAPI(kind: .telegram, baseURL: base, token: BotToken(Self.token), http: FakeHTTPClient([]))
        }
        #expect(error?.description.contains("secret") == false)
    }

    @Test func theKindsHaveTheirDefaultBaseURLs() {
        #expect(ChannelKind.local.defaultBaseURL == "http://127.0.0.1:8080")
        #expect(ChannelKind.telegram.defaultBaseURL == "https://api.telegram.org")
    }
}
