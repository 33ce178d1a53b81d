import Foundation
import Logging
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#endif

/// Writes ``DaemonMetrics`` every `interval` to a `.prom` file in node_exporter's textfile-collector format, and
/// once more at shutdown. Each write goes to a temporary file in the same folder, then `rename(2)` replaces the
/// previous one, so a reader sees either the old file or the new one, never half of one. The temporary name does
/// not end in `.prom`, so node_exporter never reads it.
final class MetricsFileService: Service, Sendable {
    let path: String
    let interval: Duration
    let metrics: DaemonMetrics
    let status: DaemonStatus
    let outboxDepth: @Sendable () -> Int
    let logger: Logger

    init(
        path: String, interval: Duration, metrics: DaemonMetrics, status: DaemonStatus, logger: Logger,
        outboxDepth: @escaping @Sendable () -> Int
    ) {
        self.path = path
        self.interval = interval
        self.metrics = metrics
        self.status = status
        self.outboxDepth = outboxDepth
        self.logger = logger
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                self.writeLogged()
                do {
                    try await Task.sleep(for: self.interval)
                } catch {
                    return
                }
            }
        }
        writeLogged()
    }

    private func writeLogged() {
        do {
            try write()
        } catch {
            logger.warning("cannot write the metrics file", metadata: ["bot.metrics_file": "\(path)", "error": "\(error)"])
        }
    }

    /// Refreshes the gauges and replaces the file.
    func write(now: ContinuousClock.Instant = .now) throws {
        metrics.refresh(outboxDepth: outboxDepth(), lastPollAge: status.snapshot.lastPollSuccess.duration(to: now))
        let temporary = path + ".tmp"
        // Readable by node_exporter, which runs as another user (the daemon's umask may be stricter: set it here).
        guard FileManager.default.createFile(atPath: temporary, contents: Data(metrics.render()), attributes: [.posixPermissions: 0o644])
        else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(code))])
        }
    }
}
