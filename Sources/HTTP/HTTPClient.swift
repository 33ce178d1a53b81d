/// Something that performs HTTP requests: ``CurlHTTPClient`` in production, a fake in tests.
///
/// The daemon depends on this protocol, not on libcurl, so its poll loop can be tested with a client that
/// returns canned responses or errors.
public protocol HTTPClient: Sendable {
    /// Performs `request` and returns the complete response, or throws a typed error.
    ///
    /// Any HTTP status, including 4xx and 5xx, is a response, not an error: errors are reserved for requests
    /// that got no complete response (connection, DNS, TLS, timeout, size limit, cancellation).
    ///
    /// - Parameters:
    ///   - request: The request to send. Its URL may contain a secret (the Telegram bot token lives in the
    ///     path), so implementations must never log it or put it in an error; use
    ///     ``HTTPRequest/redactedURL`` instead.
    ///   - timeout: The most time the whole call may take, counted from the call, including time spent
    ///     waiting for a free connection, connecting and receiving the body.
    /// - Returns: The response, with its body read completely.
    /// - Throws: ``HTTPClientError``; ``HTTPClientError/cancelled`` when the calling task is cancelled.
    func execute(_ request: HTTPRequest, timeout: Duration) async throws(HTTPClientError) -> HTTPResponse
}
