import BotConfig
import Dispatch
import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads Intents/ and Config/ on SIGHUP, atomically: the new intents and configuration replace the running ones
/// only when every file is valid and the classifier trained; otherwise the old set keeps answering and the log says
/// why, file by file.
///
/// Reloaded: the intents, `classifier.*`, `dialogue.*`, `logging.level` and the send rates. The channel, the data
/// directory and the other daemon settings take effect at the next start (the log says so when they changed).
final class ReloadService: Service, Sendable {
    let signals: UnixSignalsSequence
    let options: DaemonOptions
    let brains: BrainBox
    let logLevel: LogLevelControl?
    let applied: @Sendable (Brain) -> Void
    let metrics: DaemonMetrics?
    let logger: Logger

    init(
        signals: UnixSignalsSequence, options: DaemonOptions, brains: BrainBox, logLevel: LogLevelControl?,
        logger: Logger, metrics: DaemonMetrics? = nil, applied: @escaping @Sendable (Brain) -> Void
    ) {
        self.metrics = metrics
        self.signals = signals
        self.options = options
        self.brains = brains
        self.logLevel = logLevel
        self.applied = applied
        self.logger = logger
    }

    func run() async throws {
        for await _ in signals.cancelOnGracefulShutdown() {
            await reload()
        }
    }

    /// Loads and trains off the Swift concurrency pool, then swaps.
    func reload() async {
        logger.info("SIGHUP: reloading the intents and the configuration")
        let options = self.options
        let started = ContinuousClock.now
        let result = await Self.offPool { () -> Result<Brain, DaemonError> in
            do throws(DaemonError) {
                let configuration = try options.loadConfiguration()
                return .success(try options.loadBrain(configuration: configuration))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .failure(let error):
            metrics?.reloaded(ok: false)
            logger.error(
                "reload failed; the previous intents and configuration keep running",
                metadata: ["error": "\(error.description)"])
        case .success(let brain):
            let previous = brains.current.configuration
            brains.replace(with: brain)
            if let logLevel, let level = Logger.Level(rawValue: brain.configuration.logging.level) { logLevel.level = level }
            applied(brain)
            metrics?.reloaded(ok: true)
            logger.info(
                "reloaded",
                metadata: [
                    "bot.intents": "\(brain.intentCount)",
                    "bot.reload_s": "\(PollerService.seconds(started.duration(to: .now)))",
                ])
            let restartOnly = Self.changedRestartOnlySettings(from: previous, to: brain.configuration)
            if !restartOnly.isEmpty {
                logger.warning(
                    "these settings changed but take effect at the next start",
                    metadata: ["bot.settings": "\(restartOnly.joined(separator: ", "))"])
            }
        }
    }

    /// The settings that changed and that only a restart applies.
    static func changedRestartOnlySettings(from old: BotConfiguration, to new: BotConfiguration) -> [String] {
        var changed: [String] = []
        if old.channel != new.channel { changed.append("channel.*") }
        if old.daemon != new.daemon { changed.append("daemon.*") }
        if old.delivery.maxInFlight != new.delivery.maxInFlight { changed.append("delivery.max_in_flight") }
        return changed
    }

    /// Runs blocking work (file reads, training) on a Dispatch thread and waits for it without blocking the pool.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(returning: work())
            }
        }
    }
}
