import ArgumentParser
import BotConfig
import BuildInfo
import Logging
import Relay

/// `huabei-relay` (also run as `huabei-bot relay`): the local chat relay, a web chat page plus a
/// Telegram-compatible bot endpoint. Its own executable, so the relay process loads neither libcurl nor the
/// classifier.
@main
struct RelayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "huabei-relay",
        abstract: "Serve the web chat page and a Telegram-compatible endpoint for the bot daemon.",
        discussion: """
            The bot token comes from HUABEI_BOT_TOKEN, else --token-file or HUABEI_BOT_TOKEN_FILE, else the file \
            bot.token in the data directory (generated at first start, mode 0600, shared with the daemon).
            """,
        version: "huabei-relay \(BuildInfo.description)"
    )

    @Option(help: "Address and port to listen on (HOST:PORT, [IPv6]:PORT or PORT). Loopback unless you say otherwise.")
    var listen: String = "127.0.0.1:8080"

    @Option(help: "Data directory: the chat database and the generated bot token.")
    var data: String = "data"

    @Option(help: "File holding the bot token (instead of HUABEI_BOT_TOKEN).")
    var tokenFile: String?

    @Option(help: "Bot-side sendMessage calls per second before 429; 0 for no limit.")
    var sendRate: Double = 30

    @Option(help: "People-side messages per second per chat (burst 10) before 429; 0 for no limit.")
    var chatRate: Double = 1

    @Option(help: "People-side requests per second per client address (burst 3x) before 429; 0 for no limit.")
    var addressRate: Double = 20

    @Option(help: "Largest request body in bytes.")
    var maxBodyBytes: Int = 64 * 1024

    @Option(help: "Seconds without a getUpdates before the page says the bot is offline.")
    var offlineAfter: Int = 30

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp(
            "Reverse proxies (CIDR or address, e.g. 127.0.0.1 10.0.0.0/8) whose Forwarded / X-Forwarded-For headers give the client address for rate limits; from other peers those headers are ignored.",
            valueName: "cidr"))
    var trustedProxy: [String] = []

    @Option(help: "Delete chats without a message for this many days, with their messages; 0 keeps them (default: relay.retention_days, 30).")
    var retentionDays: Int?

    @Option(name: .long, help: "The configuration file, for relay.retention_days (default: Config/huabei-bot.yaml when it exists).")
    var config: String?

    @Flag(help: "Serve /_faults, which makes the next bot calls fail on purpose (for the daemon's fault tests).")
    var enableFaultHooks = false

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard Self.parseListen(listen) != nil else {
            throw ValidationError("--listen must be HOST:PORT, [IPv6]:PORT or PORT with a port from 0 to 65535")
        }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
        guard maxBodyBytes >= 1024 else { throw ValidationError("--max-body-bytes must be at least 1024") }
        guard sendRate >= 0, chatRate >= 0, addressRate >= 0 else { throw ValidationError("rates cannot be negative") }
        guard offlineAfter >= 1 else { throw ValidationError("--offline-after must be at least 1") }
        for range in trustedProxy where IPRange(range) == nil {
            throw ValidationError("--trusted-proxy \(range) is not an address or CIDR range (10.0.0.0/8, 2001:db8::/32)")
        }
        guard (retentionDays ?? 0) >= 0 else { throw ValidationError("--retention-days cannot be negative") }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = RelayLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "huabei.relay")
        logger.info(
            "huabei-relay starting",
            metadata: ["relay.version": "\(BuildInfo.version)", "relay.commit": "\(BuildInfo.commit)"])

        let settings: BotConfiguration
        do {
            settings = try ConfigurationLoader().load(path: config)
        } catch {
            throw ValidationError("invalid configuration:\n\(error.description)")
        }

        let token: BotToken
        do {
            token = try BotToken.resolve(tokenFile: tokenFile, dataDirectory: data)
        } catch {
            throw ValidationError(error.description)
        }
        logger.info("bot token loaded", metadata: ["relay.token.source": "\(token.source)"])

        guard let (host, port) = Self.parseListen(listen) else { throw ValidationError("bad --listen") }
        if !Self.isLoopback(host) {
            logger.warning("listening on a non-loopback address", metadata: ["relay.host": "\(host)"])
        }
        let configuration = RelayConfiguration(
            host: host,
            port: port,
            dataDirectory: data,
            maxBodySize: maxBodyBytes,
            sendRate: sendRate > 0 ? .init(perSecond: sendRate) : nil,
            chatMessageRate: chatRate > 0 ? .init(perSecond: chatRate, burst: max(10, chatRate)) : nil,
            addressRate: addressRate > 0 ? .init(perSecond: addressRate, burst: addressRate * 3) : nil,
            botOfflineAfter: offlineAfter,
            faultHooksEnabled: enableFaultHooks,
            trustedProxies: trustedProxy.compactMap(IPRange.init),
            retentionDays: retentionDays ?? settings.relay.retentionDays
        )
        if enableFaultHooks { logger.warning("fault hooks enabled: POST /_faults makes bot calls fail on purpose") }
        let relay: RelayServer
        do {
            relay = try RelayServer(configuration: configuration, botToken: token, logger: logger)
        } catch {
            throw ValidationError(error.description)
        }
        try await relay.runService()
    }

    /// `HOST:PORT`, `[IPv6]:PORT` or `PORT` (on 127.0.0.1).
    static func parseListen(_ text: String) -> (host: String, port: Int)? {
        var host = "127.0.0.1"
        var portText = Substring(text)
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return nil }
            host = String(text[text.index(after: text.startIndex)..<close])
            portText = text[text.index(close, offsetBy: 2)...]
        } else if let colon = text.lastIndex(of: ":") {
            host = String(text[..<colon])
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, let port = Int(portText), (0...65_535).contains(port) else { return nil }
        return (host, port)
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
