public import Logging

/// An ``HTTPClient`` on libcurl's multi interface, run on one dedicated thread.
///
/// Each client starts one thread when created, which runs up to ``Configuration/maxConcurrentRequests`` transfers
/// at once and keeps their connections alive between requests. ``execute(_:timeout:)`` queues the request and
/// suspends (it never blocks a Swift concurrency thread); the thread runs the transfer and resumes the caller.
/// Cancelling the calling task stops the transfer at once.
///
/// Only `http` and `https` URLs are accepted, TLS certificates are always verified, and redirects are not
/// followed (a `3xx` is returned as a response). Proxies come from the standard environment variables.
///
/// Call ``shutdown()`` when done; dropping the last reference also stops the threads, without waiting.
///
/// ```swift
/// let client = CurlHTTPClient(logger: logger)
/// let response = try await client.execute(HTTPRequest(url: url), timeout: .seconds(40))
/// ```
public final class CurlHTTPClient: HTTPClient {
    /// The settings the client was created with.
    public let configuration: Configuration
    private let queue: RequestQueue

    /// Creates a client and starts its transfer thread.
    ///
    /// - Parameters:
    ///   - configuration: Timeouts, limits and how many requests may run at once.
    ///   - logger: Receives one `debug` line per request (method, redacted URL, status or error, duration);
    ///     never the URL's path.
    public init(configuration: Configuration = Configuration(), logger: Logger) {
        self.configuration = configuration
        queue = RequestQueue(capacity: configuration.maxConcurrentRequests)
        CurlMultiLoop.start(queue: queue, configuration: configuration, logger: logger)
    }

    /// The cap on a request's timeout, which keeps the deadline arithmetic far from overflowing.
    private static let longestTimeout = Duration.seconds(24 * 60 * 60)

    deinit {
        queue.shutDown()
    }

    /// Sends `request` and returns the whole response; see ``HTTPClient/execute(_:timeout:)``.
    ///
    /// The request waits in a queue while ``Configuration/maxConcurrentRequests`` others run; `timeout` counts from
    /// this call, and a request still queued when it runs out fails then with ``HTTPClientError/timedOut`` (it does
    /// not wait for a slot to free up). When the calling task is cancelled, a queued request is dropped and a
    /// running transfer is aborted, both at once; either way the call throws ``HTTPClientError/cancelled``.
    /// Timeouts above one day are treated as one day.
    public func execute(_ request: HTTPRequest, timeout: Duration) async throws(HTTPClientError) -> HTTPResponse {
        let job = HTTPJob(request: request, deadline: .now + min(timeout, Self.longestTimeout))
        let queue = self.queue
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                job.install(continuation)
                queue.submit(job)
            }
        } onCancel: {
            job.cancel()
            if queue.remove(job) {
                job.complete(.failure(HTTPClientError.cancelled.with(target: job.target)))
            } else {
                queue.nudge()
            }
        }
        return try result.get()
    }

    /// Stops the client: queued requests fail with ``HTTPClientError/shutDown``, running transfers are
    /// aborted, and the call returns once the transfer thread has exited and closed its connections. Later calls
    /// to ``execute(_:timeout:)`` fail with ``HTTPClientError/shutDown``.
    public func shutdown() async {
        queue.shutDown()
        await queue.waitForLoop()
    }
}
