import BotConfig
import Channels
import Foundation
import HTTP
import Testing

/// HTTP statuses, Bot API envelopes and transport failures become the right `ChannelError`.
struct ChannelErrorTests {
    static func failure(status: Int, json: String, headers: HTTPHeaders = [:], method: String = "getUpdates") async -> ChannelError? {
        let http = FakeHTTPClient(status: status, json: json, headers: headers)
        do {
            let api = try TelegramBotAPITests.api(http)
            if method == "getMe" {
                _ = try await api.getMe()
            } else if method == "sendMessage" {
                _ = try await api.sendMessage(chatID: 1, text: "x", replyTo: nil)
            } else {
                _ = try await api.getUpdates(offset: 0, limit: 100, timeout: 0)
            }
            return nil
        } catch let error as ChannelError {
            return error
        } catch {
            return nil
        }
    }

    @Test func unauthorizedAndNotFoundRejectTheToken() async {
        let unauthorized = await Self.failure(status: 401, json: #"{"ok":false,"error_code":401,"description":"Unauthorized"}"#, method: "getMe")
        #expect(unauthorized?.kind == .unauthorized)
        #expect(unauthorized?.isTokenRejected == true)
        #expect(unauthorized?.description == "getMe: the bot token was refused (401 Unauthorized): Unauthorized")
        let notFound = await Self.failure(status: 404, json: #"{"ok":false,"error_code":404,"description":"Not Found"}"#, method: "getMe")
        #expect(notFound?.kind == .notFound)
        #expect(notFound?.isTokenRejected == true)
    }

    @Test func conflictMeansAnotherPoller() async {
        let error = await Self.failure(
            status: 409,
            json: #"{"ok":false,"error_code":409,"description":"Conflict: terminated by other getUpdates request"}"#)
        #expect(error?.kind == .conflict)
        #expect(error?.isTokenRejected == false)
    }

    @Test func tooManyRequestsCarriesRetryAfter() async {
        let error = await Self.failure(
            status: 429, json: #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}}"#,
            method: "sendMessage")
        #expect(error?.kind == .rateLimited)
        #expect(error?.retryAfter == .seconds(7))
        #expect(error?.isPermanentRefusal == false)
    }

    @Test func retryAfterFallsBackToTheHeader() async {
        let error = await Self.failure(status: 429, json: "slow down", headers: ["Retry-After": "3"])
        #expect(error?.kind == .rateLimited)
        #expect(error?.retryAfter == .seconds(3))
    }

    @Test(arguments: [500, 502, 503, 504])
    func serverErrorsAreRetryable(_ status: Int) async {
        let error = await Self.failure(status: status, json: "<html>bad gateway</html>")
        #expect(error?.kind == .serverError)
        #expect(error?.status == status)
        #expect(error?.isPermanentRefusal == false)
    }

    @Test func chatNotFoundIsAPermanentRefusal() async {
        let error = await Self.failure(
            status: 400, json: #"{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}"#, method: "sendMessage")
        #expect(error?.kind == .refused)
        #expect(error?.isPermanentRefusal == true)
        #expect(error?.detail == "Bad Request: chat not found")
        let blocked = await Self.failure(
            status: 403, json: #"{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}"#,
            method: "sendMessage")
        #expect(blocked?.isPermanentRefusal == true)
    }

    @Test func okFalseInsideA200UsesItsErrorCode() async {
        let error = await Self.failure(status: 200, json: #"{"ok":false,"error_code":409,"description":"Conflict"}"#)
        #expect(error?.kind == .conflict)
    }

    @Test(arguments: [#"{"ok":true,"result":[{"update_id":"#, "", "not json", #"{"ok":true}"#, #"{"result":[]}"#])
    func aTruncatedOrForeignBodyIsMalformed(_ body: String) async {
        let error = await Self.failure(status: 200, json: body)
        #expect(error?.kind == .malformedResponse)
    }

    @Test(arguments: [HTTPClientError.couldNotConnect, .couldNotResolveHost, .timedOut, .connectionLost, .tlsFailure])
    func transportFailuresKeepTheirExplanation(_ failure: HTTPClientError) async throws {
        let http = FakeHTTPClient([.failure(failure)])
        let error = await #expect(throws: ChannelError.self) {
            _ = try await TelegramBotAPITests.api(http).getUpdates(offset: 0, limit: 1, timeout: 30)
        }
        #expect(error?.kind == .transport)
        #expect(error?.detail == failure.description)
    }

    @Test func cancellationIsReportedAsSuch() async throws {
        let http = FakeHTTPClient([.failure(.cancelled)])
        let error = await #expect(throws: ChannelError.self) {
            _ = try await TelegramBotAPITests.api(http).getMe()
        }
        #expect(error?.kind == .cancelled)
    }

    @Test func noErrorShowsTheToken() async throws {
        let bodies = [
            (401, #"{"ok":false,"error_code":401,"description":"Unauthorized"}"#), (500, "oops"), (200, "{"),
            (429, #"{"ok":false,"parameters":{"retry_after":1}}"#),
        ]
        for (status, body) in bodies {
            let error = await Self.failure(status: status, json: body)
            let text = "\(String(describing: error)) \(String(reflecting: error))"
            #expect(!text.contains("secret-token"))
            #expect(!text.contains("123456:"))
        }
    }
}
