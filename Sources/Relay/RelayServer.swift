public import BotConfig
import Foundation
import Hummingbird
import HummingbirdCore
public import Logging
import NIOCore
public import ServiceLifecycle
import UnixSignals

/// The local chat relay: the chat page and people-side API at `/` and `/api/…`, and a Telegram-compatible bot
/// endpoint at `/bot<token>/…`, over one SQLite store.
///
/// Run it as a `Service` in a `ServiceGroup`; its ``run()`` ends on graceful shutdown (waking every long poll
/// at once) or cancellation. Start it on port 0 and read ``boundPort()`` to learn the port.
///
/// ```swift
/// let relay = try RelayServer(configuration: .init(port: 0), botToken: token, logger: logger)
/// let group = ServiceGroup(services: [relay], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
/// try await group.run()
/// ```
public final class RelayServer: Service, Sendable {
    /// The configuration the relay runs with.
    public let configuration: RelayConfiguration
    private let context: RelayContext
    /// Internal for tests, which hold an idempotency key in progress.
    let botAPI: BotAPI
    private let port = PortPromise()
    private let logger: Logger

    /// Opens the store under ``RelayConfiguration/dataDirectory`` (creating and migrating it) and prepares the
    /// routes. The server starts listening in ``run()``.
    ///
    /// - Parameters:
    ///   - configuration: Address, data directory and limits.
    ///   - botToken: The token the bot must present in `/bot<token>/…`; only its digest is kept.
    ///   - logger: Where the relay logs (debug and above for requests; never the token).
    public init(configuration: RelayConfiguration, botToken: BotToken, logger: Logger) throws(RelayServerError) {
        self.configuration = configuration
        self.logger = logger
        let store: RelayStore
        do {
            store = try RelayStore(directory: configuration.dataDirectory)
        } catch {
            throw .cannotOpenStore(error.description)
        }
        context = RelayContext(configuration: configuration, store: store, logger: logger)
        botAPI = BotAPI(
            context: context, tokenDigest: Secrets.digest(botToken.value), botID: botToken.botID ?? 1_000_000_001)
    }

    /// Serves until graceful shutdown or cancellation, then closes the store.
    public func run() async throws {
        let router = RelayRouter.make(context: context, botAPI: botAPI, peopleAPI: PeopleAPI(context: context))
        let port = self.port
        let logger = self.logger
        let configuration = self.configuration
        let application = Application(
            router: router,
            server: .http1OnEventLoop(configuration: .init(idleTimeout: .seconds(Int64(configuration.maxChatPollTimeout) + 60))),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "huabei-relay"),
            onServerRunning: { channel in
                guard let bound = channel.localAddress?.port else {
                    port.fail(RelayServerError.noPort)
                    return
                }
                logger.info(
                    "relay listening",
                    metadata: ["relay.host": "\(configuration.host)", "relay.port": "\(bound)"])
                port.fulfil(bound)
            },
            logger: logger
        )
        let context = self.context
        defer { context.store.close() }
        do {
            try await withGracefulShutdownHandler {
                try await application.run()
            } onGracefulShutdown: {
                // Answer every waiting long poll now, so the server's own graceful shutdown does not wait for them.
                context.chatWaits.shutdown()
                context.botWaits.shutdown()
            }
        } catch {
            port.fail(error)
            throw error
        }
        port.fail(RelayServerError.stoppedBeforeBinding)
    }

    /// Runs the relay alone in a `ServiceGroup` that shuts down gracefully on SIGTERM and SIGINT: what a
    /// command-line entry point calls. To run it beside other services, add it to your own `ServiceGroup`.
    public func runService() async throws {
        var services: [any Service] = [self]
        if configuration.retentionDays > 0 {
            services.append(RetentionService(store: context.store, retentionDays: configuration.retentionDays, logger: logger))
        }
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// A retention pass as of `now` (for tests, which move the time): how many idle chats it deleted.
    func sweepIdleChats(now: Date) async -> Int {
        await RetentionService(store: context.store, retentionDays: configuration.retentionDays, logger: logger).sweep(now: now)
    }

    /// The store (for tests).
    var storeForTests: RelayStore { context.store }

    /// How many browser polls of a chat are suspended now (for tests).
    func waitingChatPolls(_ chatID: Int64) -> Int {
        context.chatWaits.waitingCount(for: chatID)
    }

    /// How many bot `getUpdates` polls are suspended now (for tests).
    func waitingBotPolls() -> Int {
        context.botWaits.waitingCount(for: .bot)
    }

    /// The TCP port the relay listens on, once it does. Throws if it stopped before binding (for example, the
    /// port was taken).
    public func boundPort() async throws -> Int {
        try await port.value()
    }
}
