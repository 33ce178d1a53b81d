import Foundation
import HTTP
import SharedTestSupport
import Testing

/// A Telegram-style bot token: it must never appear in an error or a description.
let secretToken = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"

/// The deadline of a request that should simply succeed (or fail for another reason than time): only a guard
/// against a hang, scaled for the sanitizer runs, where one request can wait seconds behind the others.
let requestTimeout = TestSlowdown.scaled(.seconds(10))

/// A client with test-sized settings; `maxConcurrentRequests` 1 makes connection reuse observable. The connect
/// timeout is scaled like ``requestTimeout``: under a sanitizer the test server can take seconds to accept.
func makeClient(
    maxConcurrentRequests: Int = 2,
    connectTimeout: Duration = TestSlowdown.scaled(.seconds(5)),
    lowSpeedTime: Duration = .seconds(60),
    maxResponseBodySize: Int = 1 << 20
) -> CurlHTTPClient {
    CurlHTTPClient(
        configuration: .init(
            maxConcurrentRequests: maxConcurrentRequests,
            connectTimeout: connectTimeout,
            lowSpeedTime: lowSpeedTime,
            maxResponseBodySize: maxResponseBodySize
        ),
        logger: TestServer.quietLogger
    )
}

/// Runs `body` and returns the error it threw, or `nil` when it returned.
func failure(of body: () async throws(HTTPClientError) -> HTTPResponse) async -> HTTPClientError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}

/// The error `client` throws for a `GET` of `text`, or `nil` when a response arrives.
func errorOfGet(
    _ client: some HTTPClient, _ text: String, timeout: Duration = requestTimeout
) async throws -> HTTPClientError? {
    let url = try #require(URL(string: text))
    return await failure { () async throws(HTTPClientError) in
        try await client.execute(HTTPRequest(url: url), timeout: timeout)
    }
}
