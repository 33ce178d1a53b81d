public import BotConfig
import Channels
import Foundation
import HTTP
public import Logging
import UnixSignals

/// The bot daemon behind `huabei-bot run`: polls a Telegram-protocol chat endpoint (the local relay or Telegram),
/// answers every message with the dialogue engine, and keeps its offset, chat states and outbox in SQLite so that
/// a crash anywhere loses no message.
///
/// ```swift
/// let daemon = try await BotDaemon.make(options: options, configuration: configuration, logger: logger)
/// try await daemon.run()   // until SIGTERM or SIGINT
/// ```
public final class BotDaemon: Sendable {
    private let runtime: DaemonRuntime
    private let http: CurlHTTPClient
    /// Held for the daemon's lifetime; the kernel releases it when the process ends.
    private let lock: DataDirectoryLock
    private let signals: UnixSignalsSequence

    /// The data directory whose kept Matrix login token is forgotten when the server refuses it.
    private let forgetLogin: String?

    private init(
        runtime: DaemonRuntime, http: CurlHTTPClient, lock: DataDirectoryLock, signals: UnixSignalsSequence, forgetLogin: String?
    ) {
        self.forgetLogin = forgetLogin
        self.runtime = runtime
        self.http = http
        self.lock = lock
        self.signals = signals
    }

    /// Prepares everything that can fail before serving: the data directory lock, the token, the state database,
    /// the turn log, the intents and the trained classifier. Traps SIGHUP from here on.
    ///
    /// - Parameters:
    ///   - options: The command line's paths and overrides (reused by SIGHUP reloads).
    ///   - configuration: `options.loadConfiguration()`, already read to set up logging.
    ///   - logger: The process logger; never given the token.
    ///   - logLevel: The control a SIGHUP reload sets `logging.level` on, when logging uses ``ProcessLogHandler``.
    public static func make(
        options: DaemonOptions, configuration: BotConfiguration, logger: Logger, logLevel: LogLevelControl? = nil
    ) async throws(DaemonError) -> BotDaemon {
        guard let kind = ChannelKind(rawValue: configuration.channel.kind) else {
            throw .configuration("channel.kind must be local, telegram or matrix, not '\(configuration.channel.kind)'")
        }
        let pollWindow = Double(configuration.channel.pollTimeoutSeconds) + configuration.channel.pollMarginSeconds
        guard configuration.daemon.watchdogSeconds > pollWindow else {
            throw .configuration(
                "daemon.watchdog_seconds (\(configuration.daemon.watchdogSeconds)) must be longer than "
                    + "channel.poll_timeout_seconds + channel.poll_margin_seconds (\(pollWindow)), or the watchdog "
                    + "would restart healthy long polls")
        }
        let dataDirectory = configuration.daemon.dataDirectory
        let lock: DataDirectoryLock
        do {
            lock = try DataDirectoryLock(directory: dataDirectory)
        } catch {
            throw .store(error.description)
        }
        let pollWindowDuration = DaemonRuntime.duration(pollWindow)
        let http = CurlHTTPClient(
            configuration: .init(
                // A long poll, the commands call, and the replies on the wire (the local relay's and Matrix's replies
                // are idempotent: see `ChatChannel.hasIdempotentReplies`).
                maxConcurrentRequests: configuration.delivery.maxInFlight(idempotentReplies: kind != .telegram) + 2,
                connectTimeout: DaemonRuntime.duration(configuration.channel.connectTimeoutSeconds),
                lowSpeedLimit: 1,
                lowSpeedTime: pollWindowDuration + .seconds(10),
                userAgent: "HuabeiBot"),
            logger: logger)
        let baseURL = configuration.channel.baseURL.isEmpty ? kind.defaultBaseURL : configuration.channel.baseURL
        let token: BotToken
        do throws(DaemonError) {
            if kind == .matrix {
                token = try await MatrixLogin.token(
                    configuration: configuration, environment: options.environment, baseURL: baseURL, http: http, logger: logger)
            } else {
                token = try resolveToken(kind: kind, configuration: configuration, environment: options.environment)
            }
        } catch {
            await http.shutdown()
            throw error
        }
        logger.info("bot token loaded", metadata: ["bot.token.source": "\(token.source)"])

        let store: StateStore
        do {
            store = try StateStore(directory: dataDirectory)
        } catch {
            await http.shutdown()
            throw .store(error.description)
        }
        let turnLog: TurnLogWriter
        do {
            turnLog = try TurnLogWriter(directory: (dataDirectory as NSString).appendingPathComponent("logs")) { problem in
                logger.error("turn log failure", metadata: ["error": "\(problem)"])
            }
        } catch {
            await http.shutdown()
            throw .store(error.description)
        }
        let signals = await UnixSignalsSequence(trapping: .sighup)
        let brain = try await ReloadService.offPool { () -> Result<Brain, DaemonError> in
            do throws(DaemonError) {
                return .success(try options.loadBrain(configuration: configuration))
            } catch {
                return .failure(error)
            }
        }.get()

        let channel: any ChatChannel
        do {
            let requestTimeout = DaemonRuntime.duration(configuration.channel.requestTimeoutSeconds)
            let pollMargin = DaemonRuntime.duration(configuration.channel.pollMarginSeconds)
            if kind == .matrix {
                channel = try MatrixClient(
                    baseURL: baseURL, token: token, http: http, requestTimeout: requestTimeout, pollMargin: pollMargin,
                    timelineLimit: configuration.channel.pollLimit)
            } else {
                channel = try TelegramBotAPI(
                    kind: kind, baseURL: baseURL, token: token, http: http, requestTimeout: requestTimeout, pollMargin: pollMargin)
            }
        } catch {
            await http.shutdown()
            throw .configuration(error.description)
        }
        if let url = URL(string: baseURL) {
            logger.info(
                "chat endpoint",
                metadata: ["bot.channel": "\(kind)", "bot.endpoint": "\(HTTPRequest(url: url).redactedURL)", "bot.data": "\(dataDirectory)"])
        }
        let runtime = DaemonRuntime(
            channel: channel, store: store, brain: brain, turnLog: turnLog, options: options, logLevel: logLevel, logger: logger)
        let forgetLoginOnRefusal = kind == .matrix && MatrixLogin.isKeptLogin(token)
        return BotDaemon(
            runtime: runtime, http: http, lock: lock, signals: signals,
            forgetLogin: forgetLoginOnRefusal ? dataDirectory : nil)
    }

    /// Runs until SIGTERM or SIGINT (then finishes the work in hand and returns), or throws when the token is
    /// refused or the state database fails. See ``DaemonError/exitCode``.
    public func run() async throws(DaemonError) {
        do {
            try await runtime.run(reloadSignals: signals)
        } catch {
            await close()
            if error.kind == .tokenRejected, let forgetLogin {
                // The next start logs in again with the password file.
                BotToken.forgetLogin(in: forgetLogin)
                runtime.logger.notice("forgot the refused login token; the next start logs in again")
            }
            throw error
        }
        await close()
    }

    private func close() async {
        await http.shutdown()
        runtime.store.close()
    }

    /// The token: `HUABEI_BOT_TOKEN`, else the token file; for the local relay only, else the relay's generated
    /// `bot.token` in the data directory (created when missing, so relay and daemon agree without set-up).
    static func resolveToken(kind: ChannelKind, configuration: BotConfiguration, environment: [String: String]) throws(DaemonError)
        -> BotToken
    {
        let tokenFile = configuration.channel.tokenFile.isEmpty ? nil : configuration.channel.tokenFile
        if kind == .telegram {
            let hasToken = !(environment[BotToken.environmentVariable] ?? "").isEmpty
            let hasFile = tokenFile != nil || !(environment[BotToken.fileEnvironmentVariable] ?? "").isEmpty
            guard hasToken || hasFile else {
                throw .configuration(
                    "the telegram channel needs a bot token: set HUABEI_BOT_TOKEN, or channel.token_file "
                        + "(or HUABEI_BOT_TOKEN_FILE) to a file holding it")
            }
        }
        do {
            return try BotToken.resolve(
                environment: environment, tokenFile: tokenFile, dataDirectory: configuration.daemon.dataDirectory)
        } catch {
            throw .configuration(error.description)
        }
    }
}
