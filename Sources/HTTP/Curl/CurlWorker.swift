import Foundation
import Logging

/// Starts and runs the dedicated threads that perform blocking libcurl transfers.
enum CurlWorker {
    /// Starts one worker thread that serves `queue` until it is shut down.
    static func start(
        index: Int, queue: RequestQueue, configuration: CurlHTTPClient.Configuration, logger: Logger
    ) {
        queue.workerStarting()
        let thread = Thread {
            run(queue: queue, configuration: configuration, logger: logger)
            queue.workerExited()
        }
        thread.name = "http-worker-\(index)"
        thread.start()
    }

    /// The worker loop: take a job, run it on this thread's own easy handle, hand back the result. The easy
    /// handle is created and destroyed on this thread, so it is never shared.
    private static func run(queue: RequestQueue, configuration: CurlHTTPClient.Configuration, logger: Logger) {
        var easy: CurlEasyHandle?
        while let job = queue.next() {
            if easy == nil {
                easy = CurlEasyHandle()
            }
            let start = ContinuousClock.now
            let outcome: CurlEasyHandle.Outcome
            if let easy {
                outcome = easy.perform(job, configuration: configuration)
            } else {
                let error = HTTPClientError.other.with(target: job.target, detail: "libcurl could not be initialised")
                outcome = CurlEasyHandle.Outcome(result: .failure(error))
            }
            queue.finished(job)
            log(outcome, job: job, duration: ContinuousClock.now - start, logger: logger)
            job.complete(outcome.result)
        }
    }

    private static func log(_ outcome: CurlEasyHandle.Outcome, job: HTTPJob, duration: Duration, logger: Logger) {
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
