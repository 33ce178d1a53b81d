extension CurlHTTPClient {
    /// Settings for a ``CurlHTTPClient``. Every field has a default suited to the Telegram Bot API.
    ///
    /// TLS certificate and host name verification are always on and cannot be configured. Proxies come from
    /// the standard environment variables (`https_proxy`, `http_proxy`, `all_proxy`, `no_proxy`), which
    /// libcurl reads itself.
    public struct Configuration: Sendable {
        /// How many requests may run at once, each on a connection of its own (kept alive for later requests).
        /// Two lets one long poll and one outgoing message run side by side. Further requests wait in a queue
        /// (their timeout keeps running). Values below 1 are treated as 1.
        public var maxConcurrentRequests: Int
        /// The most time connecting (DNS, TCP and TLS) may take; a request's own timeout still caps it.
        public var connectTimeout: Duration
        /// The speed, in bytes per second, below which a transfer counts as stalled. 0 disables the check.
        public var lowSpeedLimit: Int
        /// How long a transfer may stay below ``lowSpeedLimit`` before it is aborted with
        /// ``HTTPClientError/lowSpeed``. A long poll sends nothing until an update arrives, so this must be
        /// longer than the longest long-poll wait the client is used for. Rounded up to whole seconds.
        public var lowSpeedTime: Duration
        /// The largest response body accepted, in bytes (after decompression); larger responses fail with
        /// ``HTTPClientError/responseTooLarge`` as soon as the limit is passed.
        public var maxResponseBodySize: Int
        /// The `User-Agent` header sent with every request (a request header of the same name wins).
        public var userAgent: String

        /// Creates a configuration; every argument has a default.
        public init(
            maxConcurrentRequests: Int = 2,
            connectTimeout: Duration = .seconds(10),
            lowSpeedLimit: Int = 1,
            lowSpeedTime: Duration = .seconds(60),
            maxResponseBodySize: Int = 16 * 1024 * 1024,
            userAgent: String = "HuabeiBot"
        ) {
            self.maxConcurrentRequests = maxConcurrentRequests
            self.connectTimeout = connectTimeout
            self.lowSpeedLimit = lowSpeedLimit
            self.lowSpeedTime = lowSpeedTime
            self.maxResponseBodySize = maxResponseBodySize
            self.userAgent = userAgent
        }
    }
}
