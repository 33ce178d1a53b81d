import CCurl
import Foundation
import Logging

/// The one thread that runs all of a client's transfers, with libcurl's multi interface.
///
/// Each round it takes the queued jobs that fit (``RequestQueue/capacity`` at most running), lets libcurl move
/// every transfer along (`curl_multi_perform`), hands back the finished ones, and sleeps in `curl_multi_poll` until
/// a socket is ready, a timer of libcurl's is due, or a new job wakes it. One thread instead of one per transfer:
/// a reply no longer costs a thread's wake-up to start and another to finish, and responses that arrive together
/// are read in one round. Connections are kept alive in the multi handle's cache and shared by all transfers.
///
/// Everything here belongs to the loop's thread; the only call from other threads is `curl_multi_wakeup`, which
/// libcurl allows from any thread (the queue makes it, and never after ``RequestQueue/loopStopping()``).
final class CurlMultiLoop {
    /// A multi handle, to hand to the loop's thread and to the queue's wake-up.
    private struct MultiHandle: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    /// A transfer in the multi handle.
    private struct Running {
        let easy: CurlEasyHandle
        let job: HTTPJob
        let start: ContinuousClock.Instant
    }

    private let multi: OpaquePointer
    private let queue: RequestQueue
    private let configuration: CurlHTTPClient.Configuration
    private let logger: Logger
    /// Easy handles between transfers, reused so that their settings' memory is not made anew each time.
    private var idle: [CurlEasyHandle] = []
    private var running: [OpaquePointer: Running] = [:]
    /// Whether a job ended since the round began (its slot may be taken by a waiting job at once).
    private var endedSinceTake = false
    /// How long one `curl_multi_poll` may sleep when nothing wakes it; only bounds how often a stop is noticed.
    private static let longestSleep: Int32 = 1000

    private init(multi: OpaquePointer, queue: RequestQueue, configuration: CurlHTTPClient.Configuration, logger: Logger) {
        self.multi = multi
        self.queue = queue
        self.configuration = configuration
        self.logger = logger
    }

    /// Starts the transfer thread of `queue`; when libcurl cannot be used, every job fails instead.
    static func start(queue: RequestQueue, configuration: CurlHTTPClient.Configuration, logger: Logger) {
        guard CurlGlobal.initialize(), let pointer = curl_multi_init() else {
            queue.loopCannotStart("libcurl could not be initialised")
            return
        }
        // Keep as many idle connections as transfers may run (libcurl's default is four per added handle).
        _ = ccurl_multi_setopt_long(pointer, CURLMOPT_MAXCONNECTS, queue.capacity)
        let multi = MultiHandle(pointer: pointer)
        queue.loopStarting { _ = curl_multi_wakeup(multi.pointer) }
        let thread = Thread {
            CurlMultiLoop(multi: multi.pointer, queue: queue, configuration: configuration, logger: logger).run()
        }
        thread.name = "http-transfers"
        thread.start()
    }

    private func run() {
        while true {
            let (jobs, isShutDown) = queue.take(max: queue.capacity - running.count)
            endedSinceTake = false
            for job in jobs { begin(job) }
            endStopped()
            if isShutDown && running.isEmpty { break }
            var stillRunning: Int32 = 0
            _ = curl_multi_perform(multi, &stillRunning)
            collectFinished()
            // A job that ended freed its slot: jobs waiting for one were not told to wake the thread.
            if endedSinceTake, queue.hasWaitingJobs { continue }
            _ = curl_multi_poll(multi, nil, 0, Self.longestSleep, nil)
        }
        queue.loopStopping()
        idle.removeAll()
        curl_multi_cleanup(multi)
        queue.loopExited()
    }

    /// Adds `job`'s transfer to the multi handle, or completes the job at once when it cannot start.
    private func begin(_ job: HTTPJob) {
        guard let easy = idle.popLast() ?? CurlEasyHandle() else {
            let error = HTTPClientError.other.with(target: job.target, detail: "libcurl could not be initialised")
            end(job, CurlEasyHandle.Outcome(result: .failure(error)), start: .now)
            return
        }
        let start = ContinuousClock.now
        if let outcome = easy.prepare(job, configuration: configuration) {
            idle.append(easy)
            end(job, outcome, start: start)
            return
        }
        let code = curl_multi_add_handle(multi, easy.handle)
        guard code == CURLM_OK else {
            let outcome = easy.finish(CURLE_FAILED_INIT)
            idle.append(easy)
            end(job, outcome, start: start)
            return
        }
        running[easy.handle] = Running(easy: easy, job: job, start: start)
    }

    /// Ends at once the transfers whose job was cancelled or whose client is stopping, as their progress callback
    /// would at its next call (about once a second while a transfer waits).
    private func endStopped() {
        for (handle, transfer) in running where transfer.job.isCancelled {
            _ = curl_multi_remove_handle(multi, handle)
            running[handle] = nil
            let outcome = transfer.easy.finish(CURLE_ABORTED_BY_CALLBACK)
            idle.append(transfer.easy)
            end(transfer.job, outcome, start: transfer.start)
        }
    }

    /// Hands back every transfer libcurl has finished since the last call.
    private func collectFinished() {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle else { continue }
            // Read before removing the handle: the message is freed with it.
            let code = message.pointee.data.result
            _ = curl_multi_remove_handle(multi, handle)
            guard let transfer = running.removeValue(forKey: handle) else { continue }
            let outcome = transfer.easy.finish(code)
            idle.append(transfer.easy)
            end(transfer.job, outcome, start: transfer.start)
        }
    }

    private func end(_ job: HTTPJob, _ outcome: CurlEasyHandle.Outcome, start: ContinuousClock.Instant) {
        endedSinceTake = true
        queue.finished(job)
        log(outcome, job: job, duration: ContinuousClock.now - start)
        job.complete(outcome.result)
    }

    private func log(_ outcome: CurlEasyHandle.Outcome, job: HTTPJob, duration: Duration) {
        // Both lines are debug lines: their metadata is built only when they are written.
        guard logger.logLevel <= .debug else { return }
        var metadata: Logger.Metadata = [
            "http.method": "\(job.request.method)",
            "http.target": "\(job.target)",
            "http.duration_ms": "\(CurlEasyHandle.milliseconds(duration))",
        ]
        if let newConnections = outcome.newConnections {
            metadata["http.new_connections"] = "\(newConnections)"
        }
        switch outcome.result {
        case .success(let response):
            metadata["http.status"] = "\(response.status)"
            metadata["http.response_bytes"] = "\(response.body.count)"
            logger.debug("HTTP request finished", metadata: metadata)
        case .failure(let error):
            metadata["http.error"] = "\(error)"
            logger.debug("HTTP request failed", metadata: metadata)
        }
    }
}
