import BotConfig
import Channels
import Foundation
import HTTP
import Testing

/// The local relay takes `sendMessage` with an `Idempotency-Key` header; Telegram gets none.
struct IdempotentRepliesTests {
    static let reply = #"{"ok":true,"result":{"message_id":9,"chat":{"id":5,"type":"private"},"date":1,"text":"hi"}}"#

    static func api(_ kind: ChannelKind, _ http: FakeHTTPClient) throws -> TelegramBotAPI {
        try TelegramBotAPI(kind: kind, baseURL: "http://127.0.0.1:8080", token: BotToken(TelegramBotAPITests.token), http: http)
    }

    @Test func theLocalRelaySendsTheKeyInAHeader() async throws {
        let http = FakeHTTPClient(json: Self.reply)
        let api = try Self.api(.local, http)
        #expect(api.hasIdempotentReplies)
        #expect(try await api.sendMessage(chatID: 5, text: "hi", replyTo: nil, idempotencyKey: "abc-12") == 9)
        let request = try #require(http.calls.first).request
        #expect(request.headers.first(name: "Idempotency-Key") == "abc-12")
        #expect(request.headers.first(name: "Content-Type") == "application/json")
    }

    @Test func telegramNeverGetsAKey() async throws {
        let http = FakeHTTPClient(json: Self.reply)
        let api = try Self.api(.telegram, http)
        #expect(!api.hasIdempotentReplies)
        _ = try await api.sendMessage(chatID: 5, text: "hi", replyTo: nil, idempotencyKey: "abc-12")
        #expect(try #require(http.calls.first).request.headers.first(name: "Idempotency-Key") == nil)
    }

    @Test func withoutAKeyNoHeaderIsSent() async throws {
        let http = FakeHTTPClient(json: Self.reply)
        _ = try await Self.api(.local, http).sendMessage(chatID: 5, text: "hi", replyTo: nil)
        #expect(try #require(http.calls.first).request.headers.first(name: "Idempotency-Key") == nil)
    }

    @Test(arguments: [(409, ChannelError.Kind.conflict), (422, .refused)])
    func aRepeatInProgressIsRetriedAndAMismatchIsRefused(status: Int, kind: ChannelError.Kind) async throws {
        let http = FakeHTTPClient(status: status, json: #"{"ok":false,"error_code":\#(status),"description":"x"}"#)
        let api = try Self.api(.local, http)
        do throws(ChannelError) {
            _ = try await api.sendMessage(chatID: 5, text: "hi", replyTo: nil, idempotencyKey: "k")
            Issue.record("a \(status) was taken for a success")
        } catch {
            #expect(error.kind == kind)
            #expect(error.isPermanentRefusal == (status == 422))
        }
    }
}
