import ArgumentParser
import Bot
import BotConfig
import BuildInfo
import CMalloc
import Dialogue
import Foundation
import Logging

/// `huabei-daemon` (also run as `huabei-bot run`): the bot daemon. Parses the flags, sets up logging and hands over
/// to `BotDaemon`. Its own executable, so the daemon process loads no HTTP server.
@main
struct DaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "huabei-daemon",
        abstract: "Run the bot daemon: poll the local relay, Telegram or a Matrix homeserver and answer every message.",
        discussion: """
            The bot token comes from HUABEI_BOT_TOKEN, else a token file (--token-file, channel.token_file or \
            HUABEI_BOT_TOKEN_FILE), else, for the local relay only, DATA/bot.token (shared with `huabei-bot relay`). \
            It is never a command-line argument. For Matrix, the access token comes the same way, or from a login \
            with channel.matrix_user_id and channel.password_file, kept in DATA/matrix.token.

            Exit codes: 0 stopped by SIGTERM/SIGINT; 64 bad command line; 70 internal error; 73 the data directory \
            or state database cannot be used (or another daemon holds it); 77 the token was refused; 78 invalid \
            configuration, intents or token settings. SIGHUP reloads the intents and the configuration.
            """,
        version: "huabei-daemon \(BuildInfo.description)"
    )

    @Option(name: .long, help: "The intents folder.")
    var intents: String = IntentCatalogLoader.defaultDirectory

    @Option(name: .long, help: "The configuration file (default: Config/huabei-bot.yaml when it exists).")
    var config: String?

    @Option(help: "Data directory: state database, turn logs (default: daemon.data_directory, data).")
    var data: String?

    @Option(help: "Chat endpoint: local (the relay), telegram or matrix (default: channel.kind, local).")
    var channel: String?

    @Option(help: "Bot API or Matrix homeserver base URL (default: channel.base_url, else http://127.0.0.1:8080, https://api.telegram.org or http://127.0.0.1:8008).")
    var baseURL: String?

    @Option(help: "File holding the bot token (instead of HUABEI_BOT_TOKEN).")
    var tokenFile: String?

    @Flag(help: "Drop the updates waiting on the server and the unsent replies before polling.")
    var dropPending = false

    static func main() async {
        // glibc's trim threshold, fixed at 1 MB: the memory the classifier's training frees (at start and at every
        // SIGHUP reload) goes back to the system, as glibc's sliding threshold would not let it. Not lower: at 128 KB
        // the heap's top shrank and grew again with nearly every batch under load (`brk`, page faults and TLB
        // flushes, about a tenth of the daemon's CPU per message); 1 MB keeps that memory with no change in RssAnon.
        _ = cmalloc_fix_trim_threshold(1024 * 1024)
        // Two malloc arenas instead of up to sixteen: the daemon's threads (poller, delivery, libcurl's workers,
        // GRDB's queues) mostly take turns, and every extra arena keeps free memory of its own (1.1 MB less
        // peak RSS under load, no change in throughput).
        _ = cmalloc_limit_arenas(2)
        await main(nil)
    }

    func validate() throws {
        if let channel, !["local", "telegram", "matrix"].contains(channel) {
            throw ValidationError("--channel must be local, telegram or matrix")
        }
    }

    func run() async throws {
        let options = DaemonOptions(
            configurationPath: config, intentsDirectory: intents, channel: channel, baseURL: baseURL,
            dataDirectory: data, tokenFile: tokenFile, dropPending: dropPending)
        do throws(DaemonError) {
            let configuration = try options.loadConfiguration()
            let control = LogLevelControl(Logger.Level(rawValue: configuration.logging.level) ?? .info)
            LoggingSystem.bootstrap { label in ProcessLogHandler(label: label, control: control) }
            let logger = Logger(label: "huabei.bot")
            logger.info(
                "huabei-daemon starting",
                metadata: ["bot.version": "\(BuildInfo.version)", "bot.commit": "\(BuildInfo.commit)"])
            do throws(DaemonError) {
                let daemon = try await BotDaemon.make(
                    options: options, configuration: configuration, logger: logger, logLevel: control)
                try await daemon.run()
            } catch {
                logger.critical("daemon stopped", metadata: ["error": "\(error.description)", "exit_code": "\(error.exitCode)"])
                throw error
            }
        } catch {
            FileHandle.standardError.write(Data("huabei-daemon: \(error.description)\n".utf8))
            throw ExitCode(error.exitCode)
        }
    }
}
