import BotConfig
@testable import Channels
import Foundation
import HTTP
import Testing

/// Matrix error answers into `ChannelError`s the poll loop and the delivery act on; sends and logins.
struct MatrixErrorTests {
    typealias F = MatrixFixtures

    static func error(_ status: Int, _ json: String, headers: HTTPHeaders = [:]) -> ChannelError {
        MatrixClient.error(for: HTTPResponse(status: status, headers: headers, body: Data(json.utf8)), method: "sync")
    }

    @Test func limitExceededWaitsRetryAfterMilliseconds() {
        let error = Self.error(429, #"{"errcode":"M_LIMIT_EXCEEDED","error":"Too Many Requests","retry_after_ms":1500}"#)
        #expect(error.kind == .rateLimited)
        #expect(error.retryAfter == .milliseconds(1500))
        #expect(error.description.contains("M_LIMIT_EXCEEDED"))
    }

    @Test func limitExceededWithoutMillisecondsUsesRetryAfter() {
        let error = Self.error(429, #"{"errcode":"M_LIMIT_EXCEEDED"}"#, headers: ["Retry-After": "3"])
        #expect(error.retryAfter == .seconds(3))
    }

    @Test(arguments: [
        (401, #"{"errcode":"M_UNKNOWN_TOKEN","error":"Invalid access token passed.","soft_logout":false}"#),
        (401, #"{"errcode":"M_MISSING_TOKEN","error":"Missing access token"}"#),
        (401, "not json"),
    ])
    func aRefusedTokenStopsTheDaemon(status: Int, json: String) {
        let error = Self.error(status, json)
        #expect(error.isTokenRejected)
    }

    @Test func notFoundIsARefusalNeverABadToken() {
        let error = Self.error(404, #"{"errcode":"M_NOT_FOUND","error":"Unknown room"}"#)
        #expect(!error.isTokenRejected)
        #expect(error.isPermanentRefusal)
        #expect(Self.error(403, #"{"errcode":"M_FORBIDDEN","error":"not in room"}"#).isPermanentRefusal)
    }

    @Test(arguments: [500, 502, 503, 504])
    func serverFailuresBackOff(status: Int) {
        #expect(Self.error(status, "<html>Bad Gateway</html>").kind == .serverError)
    }

    @Test func aMalformedSyncIsReportedNotThrownAsACrash() async throws {
        let http = FakeHTTPClient([F.whoami, F.displayName, F.response(#"{"rooms":{}"#), F.response(#"{"no_next_batch":1}"#)])
        let client = try MatrixSyncTests.client(http)
        for _ in 0..<2 {
            do {
                _ = try await client.getUpdates(since: "s1", timeout: 30)
                Issue.record("a sync without next_batch must fail")
            } catch {
                #expect(error.kind == .malformedResponse)
            }
        }
    }

    @Test func timeoutsAndDroppedConnectionsAreTransport() async throws {
        let http = FakeHTTPClient([F.whoami, F.displayName, .failure(.timedOut), .failure(.connectionLost)])
        let client = try MatrixSyncTests.client(http)
        for _ in 0..<2 {
            do {
                _ = try await client.getUpdates(since: "s1", timeout: 30)
            } catch {
                #expect(error.kind == .transport)
            }
        }
    }

    @Test func sendPutsTheTextWithTheKeyAsTransactionID() async throws {
        let http = FakeHTTPClient([F.response(#"{"event_id":"$sent"}"#)])
        let client = try MatrixSyncTests.client(http)
        try await client.send(
            OutgoingMessage(chatID: 1, chatAddress: F.direct, text: "第一行\n第二行", replyTo: 5, idempotencyKey: "huabei-abc-42"))
        let call = try #require(http.calls.first)
        #expect(call.request.method == .put)
        #expect(
            call.request.url.absoluteString
                == "http://127.0.0.1:8008/_matrix/client/v3/rooms/%21dm%3Alocalhost/send/m.room.message/huabei-abc-42")
        let body = try #require(try JSONSerialization.jsonObject(with: call.request.body) as? [String: String])
        #expect(body == ["msgtype": "m.text", "body": "第一行\n第二行"])
        #expect(call.timeout == .seconds(7))
    }

    @Test func sendWithoutARoomIsRefused() async throws {
        let client = try MatrixSyncTests.client(FakeHTTPClient([]))
        await #expect(throws: ChannelError.self) {
            try await client.send(OutgoingMessage(chatID: 1, text: "x", idempotencyKey: "k"))
        }
    }

    @Test func loginPostsThePasswordAndReturnsTheToken() async throws {
        let http = FakeHTTPClient(json: #"{"user_id":"@huabei:localhost","access_token":"syt_new_token_123","device_id":"D"}"#)
        let token = try await MatrixClient.login(baseURL: "http://127.0.0.1:8008", userID: F.bot, password: "p@ss", http: http)
        #expect(token == "syt_new_token_123")
        let call = try #require(http.calls.first)
        #expect(call.request.url.path == "/_matrix/client/v3/login")
        #expect(call.parameters["password"] as? String == "p@ss")
        #expect((call.parameters["identifier"] as? [String: String])?["user"] == F.bot)
    }

    @Test func aWrongPasswordIsARefusedCredential() async throws {
        let http = FakeHTTPClient(status: 403, json: #"{"errcode":"M_FORBIDDEN","error":"Invalid username or password"}"#)
        do {
            _ = try await MatrixClient.login(baseURL: "http://127.0.0.1:8008", userID: F.bot, password: "bad", http: http)
            Issue.record("a wrong password must fail")
        } catch {
            #expect(error.isTokenRejected)
        }
    }
}
