import BotConfig
import Channels
import Dialogue
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// The daemon's parts, wired into services and run in one `ServiceGroup` with graceful shutdown on SIGTERM and
/// SIGINT. ``BotDaemon`` builds it with the real channel; tests build it with a fake one.
final class DaemonRuntime: Sendable {
    let channel: any ChatChannel
    let store: StateStore
    let brains: BrainBox
    let turnLog: TurnLogWriter?
    let status = DaemonStatus()
    let options: DaemonOptions
    let configuration: BotConfiguration
    let logLevel: LogLevelControl?
    let logger: Logger
    let poller: PollerService
    let delivery: DeliveryService

    init(
        channel: any ChatChannel, store: StateStore, brain: Brain, turnLog: TurnLogWriter?, options: DaemonOptions,
        logLevel: LogLevelControl?, logger: Logger
    ) {
        let configuration = brain.configuration
        self.channel = channel
        self.store = store
        self.brains = BrainBox(brain)
        self.turnLog = turnLog
        self.options = options
        self.configuration = configuration
        self.logLevel = logLevel
        self.logger = logger
        let backoffInitial = Self.duration(configuration.daemon.backoffInitialSeconds)
        let backoffMaximum = Self.duration(configuration.daemon.backoffMaxSeconds)
        let delivery = DeliveryService(
            channel: channel, store: store, status: status, rates: Self.rates(configuration, channel: channel.kind),
            settings: .init(
                maxInFlight: configuration.delivery.maxInFlight(idempotentReplies: channel.hasIdempotentReplies),
                idempotentReplies: channel.hasIdempotentReplies, backoffInitial: backoffInitial,
                backoffMaximum: backoffMaximum),
            logger: logger)
        self.delivery = delivery
        let handler = UpdateHandler(
            store: store, brains: brains, turnLog: turnLog, channel: channel.kind, logger: logger, metrics: status.metrics)
        let processor = BatchProcessor(
            handler: handler, store: store, status: status, parallelChats: configuration.daemon.parallelChats,
            deliver: { delivery.enqueue($0) }, logger: logger)
        poller = PollerService(
            channel: channel, store: store, processor: processor, status: status,
            settings: .init(
                pollTimeout: configuration.channel.pollTimeoutSeconds, limit: configuration.channel.pollLimit,
                backoffInitial: backoffInitial, backoffMaximum: backoffMaximum, dropPending: options.dropPending),
            logger: logger)
    }

    /// The send rates of `channel` in `configuration`.
    static func rates(_ configuration: BotConfiguration, channel: ChannelKind) -> DeliveryQueue.Rates {
        let rates =
            switch channel {
            case .telegram: configuration.delivery.telegram
            case .local: configuration.delivery.local
            case .matrix: configuration.delivery.matrix
            }
        return DeliveryQueue.Rates(perChat: rates.perChatPerSecond, overall: rates.overallPerSecond)
    }

    /// The commands `setMyCommands` registers: those of `Intents/_responses.yaml`, with their descriptions.
    static func commands(_ brain: Brain, channel: ChannelKind = .local) -> [BotCommandDescription] {
        // Matrix has no command menu: the bot answers `/start` and the others all the same.
        guard channel != .matrix else { return [] }
        return brain.engine.catalog.responses.commands.map { BotCommandDescription(command: $0.name, description: $0.description) }
    }

    /// `daemon.metrics_file`, or `huabei-daemon.prom` in the data directory.
    static func metricsFilePath(_ configuration: BotConfiguration) -> String {
        configuration.daemon.metricsFile.isEmpty
            ? (configuration.daemon.dataDirectory as NSString).appendingPathComponent("huabei-daemon.prom")
            : configuration.daemon.metricsFile
    }

    static func duration(_ seconds: Double) -> Duration {
        .milliseconds(Int64((seconds * 1000).rounded()))
    }

    /// Loads the outbox, then runs until graceful shutdown; throws when the token is refused or the store fails.
    /// `signals` delivers SIGHUP (trapped before this call, so an early SIGHUP cannot end the process).
    func run(reloadSignals signals: UnixSignalsSequence, shutdownSignals: [UnixSignal] = [.sigterm, .sigint]) async throws(DaemonError) {
        do {
            if options.dropPending {
                let dropped = try await store.dropPendingReplies()
                logger.notice("--drop-pending: dropped the unsent replies", metadata: ["bot.dropped": "\(dropped)"])
            }
            let pending = try await store.pendingReplies()
            delivery.enqueue(pending)
            logger.info(
                "daemon starting",
                metadata: [
                    "bot.channel": "\(channel.kind)", "bot.intents": "\(brains.current.intentCount)",
                    "bot.outbox_pending": "\(pending.count)",
                    "bot.delivery.max_in_flight": "\(delivery.settings.maxInFlight)",
                    "bot.delivery.idempotent": "\(delivery.settings.idempotentReplies)",
                ])
        } catch {
            throw DaemonError.store(error.description)
        }
        let brains = self.brains
        let delivery = self.delivery
        let poller = self.poller
        let kind = channel.kind
        let heartbeat = HeartbeatService(
            status: status, heartbeat: Self.duration(configuration.daemon.heartbeatSeconds),
            watchdog: Self.duration(configuration.daemon.watchdogSeconds), store: store, logger: logger,
            turnLogRetention: turnLog.map { TurnLogRetention(directory: $0.directory, retentionDays: configuration.logs.retentionDays) },
            pendingReplies: { delivery.pendingCount }, restartPolling: { poller.restartPolling() })
        let commands = CommandRegistrationService(
            channel: channel, commands: Self.commands(brains.current, channel: kind), backoffInitial: Self.duration(configuration.daemon.backoffInitialSeconds),
            backoffMaximum: Self.duration(configuration.daemon.backoffMaxSeconds), logger: logger)
        // What a reload changes beyond the brain: the send rates and the commands chat apps offer.
        let reload = ReloadService(
            signals: signals, options: options, brains: brains, logLevel: logLevel, logger: logger, metrics: status.metrics,
            applied: { brain in
                delivery.update(rates: Self.rates(brain.configuration, channel: kind))
                commands.reload(Self.commands(brain, channel: kind))
            })
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if configuration.daemon.metricsIntervalSeconds > 0 {
            let metricsFile = MetricsFileService(
                path: Self.metricsFilePath(configuration), interval: Self.duration(configuration.daemon.metricsIntervalSeconds),
                metrics: status.metrics, status: status, logger: logger, outboxDepth: { delivery.pendingCount })
            services.append(.init(service: metricsFile, serviceName: "metrics"))
        }
        var groupConfiguration = ServiceGroupConfiguration(
            services: services + [
                .init(service: delivery, serviceName: "delivery"),
                .init(service: heartbeat, serviceName: "heartbeat"),
                .init(service: reload, serviceName: "reload"),
                .init(service: poller, serviceName: "poller"),
                // Its end (it cannot fail) is no reason to stop the others.
                .init(service: commands, successTerminationBehavior: .ignore, failureTerminationBehavior: .ignore, serviceName: "commands"),
            ],
            gracefulShutdownSignals: shutdownSignals,
            logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(5)
        let group = ServiceGroup(configuration: groupConfiguration)
        do {
            try await group.run()
        } catch let error as DaemonError {
            await finish()
            throw error
        } catch {
            await finish()
            throw DaemonError.internalError("the daemon stopped unexpectedly: \(error)")
        }
        await finish()
        logger.info("daemon stopped", metadata: ["bot.offset": "\(status.snapshot.offset)", "bot.sent": "\(status.snapshot.sent)"])
    }

    private func finish() async {
        await turnLog?.flush()
    }
}
