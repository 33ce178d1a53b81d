import Foundation
import HTTP
import Testing

/// A Telegram-style bot token: it must never appear in an error or a description.
let secretToken = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"

/// A client with test-sized settings; `workerCount` 1 makes connection reuse observable.
func makeClient(
    workerCount: Int = 2,
    connectTimeout: Duration = .seconds(5),
    lowSpeedTime: Duration = .seconds(60),
    maxResponseBodySize: Int = 1 << 20
) -> CurlHTTPClient {
    CurlHTTPClient(
        configuration: .init(
            workerCount: workerCount,
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
    _ client: some HTTPClient, _ text: String, timeout: Duration = .seconds(10)
) async throws -> HTTPClientError? {
    let url = try #require(URL(string: text))
    return await failure { () async throws(HTTPClientError) in
        try await client.execute(HTTPRequest(url: url), timeout: timeout)
    }
}
