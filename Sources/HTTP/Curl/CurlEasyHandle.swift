import CCurl

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One libcurl easy handle, owned by the client's transfer thread (``CurlMultiLoop``).
///
/// An easy handle may be used by one thread at a time; this class never leaves the thread that runs the client's
/// transfers, so it needs no lock and is deliberately not `Sendable`. It runs one transfer at a time: ``prepare(_:configuration:)``
/// sets it up for a job, the multi handle runs the transfer, and ``finish(_:)`` turns libcurl's result into the
/// job's. `curl_easy_reset` then clears the options for the next job.
final class CurlEasyHandle {
    /// The libcurl handle, for adding to and removing from the multi handle.
    let handle: OpaquePointer
    /// libcurl writes a readable message here when a transfer fails (`CURLOPT_ERRORBUFFER`).
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private static let errorBufferSize = Int(CURL_ERROR_SIZE)
    /// The transfer set up by ``prepare(_:configuration:)``: its callbacks' state and its header list must live
    /// until ``finish(_:)``.
    private var current: (transfer: CurlTransfer, headerList: UnsafeMutablePointer<curl_slist>?)?

    /// Creates the handle; `nil` when libcurl could not be initialised or is out of memory.
    init?() {
        guard CurlGlobal.initialize(), let handle = curl_easy_init() else { return nil }
        self.handle = handle
        errorBuffer = .allocate(capacity: Self.errorBufferSize)
        errorBuffer.initialize(repeating: 0, count: Self.errorBufferSize)
    }

    deinit {
        clear()
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// What one job produced.
    struct Outcome {
        /// The response or the error for the caller.
        var result: Result<HTTPResponse, HTTPClientError>
        /// Connections libcurl opened for the transfer: 0 when it reused a kept-alive one, `nil` when no
        /// transfer ran.
        var newConnections: Int?
    }

    /// Sets the handle up to run `job`. Returns `nil` when the transfer is ready to be added to the multi handle,
    /// or the job's outcome when it ends before any transfer (stopped, out of time, or a request libcurl refused).
    func prepare(_ job: HTTPJob, configuration: CurlHTTPClient.Configuration) -> Outcome? {
        if let stopError = job.stopError {
            return Outcome(result: .failure(stopError))
        }
        let remaining = job.deadline - ContinuousClock.now
        guard remaining > .zero else {
            return Outcome(result: .failure(job.timedOutInQueue))
        }
        errorBuffer[0] = 0
        let transfer = CurlTransfer(job: job, maxBodySize: configuration.maxResponseBodySize)
        do throws(HTTPClientError) {
            let headerList = try CurlHeaderList.make(for: job.request)
            current = (transfer, headerList)
            try configure(job.request, remaining: remaining, configuration: configuration)
            try setSlist(CURLOPT_HTTPHEADER, headerList)
            try setCallbacks(for: transfer)
            try setMethodAndBody(of: job.request)
            return nil
        } catch {
            clear()
            return Outcome(result: .failure(Self.targeted(error, job)))
        }
    }

    /// The outcome of the transfer that libcurl ended with `code`; the handle is then ready for another job.
    func finish(_ code: CURLcode) -> Outcome {
        guard let (transfer, _) = current else {
            preconditionFailure("finish(_:) without a prepared transfer")
        }
        defer { clear() }
        let job = transfer.job
        var newConnections: Int?
        var connections = 0
        if ccurl_easy_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &connections) == CURLE_OK {
            newConnections = connections
        }
        guard code == CURLE_OK else {
            return Outcome(result: .failure(error(for: code, transfer: transfer, job: job)), newConnections: newConnections)
        }
        do throws(HTTPClientError) {
            var status = 0
            try check(ccurl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status))
            let response = HTTPResponse(status: status, headers: transfer.headers, body: transfer.body)
            return Outcome(result: .success(response), newConnections: newConnections)
        } catch {
            return Outcome(result: .failure(Self.targeted(error, job)), newConnections: newConnections)
        }
    }

    /// Unhooks the header list and the callbacks' user data before they are freed. The reset keeps the
    /// connection cache, so the next request can reuse the connection.
    private func clear() {
        guard let (_, headerList) = current else { return }
        curl_easy_reset(handle)
        curl_slist_free_all(headerList)
        current = nil
    }

    private static func targeted(_ error: HTTPClientError, _ job: HTTPJob) -> HTTPClientError {
        error.target == nil ? error.with(target: job.target, detail: error.detail) : error
    }

    // MARK: Options

    private func configure(
        _ request: HTTPRequest, remaining: Duration, configuration: CurlHTTPClient.Configuration
    ) throws(HTTPClientError) {
        try setString(CURLOPT_URL, request.url.absoluteString)
        // Only HTTP(S), also after redirects (which are not followed anyway): no file://, no FTP, no Gopher.
        try setString(CURLOPT_PROTOCOLS_STR, "http,https")
        try setString(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try setLong(CURLOPT_FOLLOWLOCATION, 0)
        // libcurl must not use signals (SIGALRM for DNS timeouts) in a multi-threaded process.
        try setLong(CURLOPT_NOSIGNAL, 1)
        // Verification is libcurl's default already; set explicitly so that it can never silently change.
        try setLong(CURLOPT_SSL_VERIFYPEER, 1)
        try setLong(CURLOPT_SSL_VERIFYHOST, 2)
        // Proxies: nothing is set, so libcurl reads http_proxy, https_proxy, all_proxy and no_proxy itself.
        try setLong(CURLOPT_TCP_KEEPALIVE, 1)
        try setLong(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(min(configuration.connectTimeout, remaining)))
        try setLong(CURLOPT_TIMEOUT_MS, Self.milliseconds(remaining))
        if configuration.lowSpeedLimit > 0 {
            try setLong(CURLOPT_LOW_SPEED_LIMIT, configuration.lowSpeedLimit)
            try setLong(CURLOPT_LOW_SPEED_TIME, Self.wholeSeconds(configuration.lowSpeedTime))
        }
        // Rejects a response early when its Content-Length is already too large; the write callback enforces
        // the same limit for bodies of unknown length.
        try setOffT(CURLOPT_MAXFILESIZE_LARGE, max(0, configuration.maxResponseBodySize))
        try setString(CURLOPT_USERAGENT, configuration.userAgent)
        // Every encoding libcurl can decode; the size limit applies to the decoded body.
        try setString(CURLOPT_ACCEPT_ENCODING, "")
        try setPointer(CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))
    }

    private func setCallbacks(for transfer: CurlTransfer) throws(HTTPClientError) {
        try setWriteCallback(CURLOPT_WRITEFUNCTION, curlWriteBody)
        try setPointer(CURLOPT_WRITEDATA, transfer.userData)
        try setWriteCallback(CURLOPT_HEADERFUNCTION, curlReceiveHeader)
        try setPointer(CURLOPT_HEADERDATA, transfer.userData)
        try setLong(CURLOPT_NOPROGRESS, 0)
        try check(ccurl_easy_setopt_xferinfo_callback(handle, CURLOPT_XFERINFOFUNCTION, curlProgress))
        try setPointer(CURLOPT_XFERINFODATA, transfer.userData)
    }

    private func setMethodAndBody(of request: HTTPRequest) throws(HTTPClientError) {
        switch request.method {
        case .head where request.body.isEmpty:
            try setLong(CURLOPT_NOBODY, 1)
            return
        case .get where request.body.isEmpty:
            try setLong(CURLOPT_HTTPGET, 1)
            return
        default:
            break
        }
        guard request.method.isValidToken else {
            throw HTTPClientError.invalidRequest.with(
                target: request.redactedURL, detail: "the method is not a valid HTTP token")
        }
        if request.method == .post || !request.body.isEmpty {
            // The size first, so that libcurl copies exactly that many bytes (the body may contain NULs).
            try setOffT(CURLOPT_POSTFIELDSIZE_LARGE, request.body.count)
            // COPYPOSTFIELDS: libcurl keeps its own copy, so nothing here has to outlive this call.
            let code = request.body.withUnsafeBytes { bytes in
                if let base = bytes.baseAddress, !bytes.isEmpty {
                    ccurl_easy_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: base))
                } else {
                    ccurl_easy_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, "")
                }
            }
            try check(code)
        }
        if request.method != .post {
            try setString(CURLOPT_CUSTOMREQUEST, request.method.rawValue)
        }
    }

    private func setLong(_ option: CURLoption, _ value: Int) throws(HTTPClientError) {
        try check(ccurl_easy_setopt_long(handle, option, value))
    }

    private func setOffT(_ option: CURLoption, _ value: Int) throws(HTTPClientError) {
        try check(ccurl_easy_setopt_off_t(handle, option, curl_off_t(value)))
    }

    private func setString(_ option: CURLoption, _ value: String) throws(HTTPClientError) {
        try check(ccurl_easy_setopt_string(handle, option, value))
    }

    private func setPointer(_ option: CURLoption, _ value: UnsafeMutableRawPointer?) throws(HTTPClientError) {
        try check(ccurl_easy_setopt_pointer(handle, option, value))
    }

    private func setSlist(_ option: CURLoption, _ value: UnsafeMutablePointer<curl_slist>?) throws(HTTPClientError) {
        try check(ccurl_easy_setopt_slist(handle, option, value))
    }

    private func setWriteCallback(_ option: CURLoption, _ value: curl_write_callback) throws(HTTPClientError) {
        try check(ccurl_easy_setopt_write_callback(handle, option, value))
    }

    /// Throws when libcurl rejected an option or query. The message is libcurl's generic text for the code,
    /// never the option's value (which may be the URL); the caller adds the target.
    private func check(_ code: CURLcode) throws(HTTPClientError) {
        guard code != CURLE_OK else { return }
        throw CurlErrorMapping.error(for: code, message: Self.describe(code), target: nil)
    }

    // MARK: Errors and conversions

    private func error(for code: CURLcode, transfer: CurlTransfer, job: HTTPJob) -> HTTPClientError {
        if transfer.exceededSizeLimit {
            return HTTPClientError.responseTooLarge.with(target: job.target, detail: transfer.limitDescription)
        }
        if code == CURLE_ABORTED_BY_CALLBACK, let stopError = job.stopError {
            return stopError
        }
        let message = String(cString: errorBuffer)
        let redaction = RedactedURL(job.request.url)
        return CurlErrorMapping.error(
            for: code,
            message: redaction.scrub(message.isEmpty ? Self.describe(code) : message),
            target: job.target
        )
    }

    private static func describe(_ code: CURLcode) -> String {
        guard let text = curl_easy_strerror(code) else { return "curl error \(code.rawValue)" }
        return String(cString: text)
    }

    /// A duration as whole milliseconds for libcurl, rounded up and at least 1 (0 would mean "no timeout").
    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        let wholeMillis = seconds.multipliedReportingOverflow(by: 1000)
        let partialMillis = (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        let total = wholeMillis.partialValue.addingReportingOverflow(Int64(partialMillis))
        guard !wholeMillis.overflow, !total.overflow else { return seconds < 0 ? 1 : Int.max }
        return max(1, Int(total.partialValue))
    }

    /// A duration as whole seconds for libcurl, rounded up and at least 1.
    static func wholeSeconds(_ duration: Duration) -> Int {
        max(1, (milliseconds(duration) + 999) / 1000)
    }
}
