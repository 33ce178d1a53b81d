@testable import Bot
import BotConfig
import Channels
import Foundation
import Testing

/// Defaults, the file, the environment and the flags, in that order; what `run` refuses before it starts.
struct DaemonOptionsTests {
    func file(_ text: String) throws -> String {
        let path = temporaryDirectory() + "/huabei-bot.yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func withNoConfigurationTheDaemonPollsTheLocalRelay() throws {
        let configuration = try DaemonOptions(configurationPath: try file(""), environment: [:]).loadConfiguration()
        #expect(configuration.channel.kind == "local")
        #expect(configuration.channel.baseURL == "")
        #expect(ChannelKind.local.defaultBaseURL == "http://127.0.0.1:8080")
        #expect(configuration.daemon.dataDirectory == "data")
        #expect(configuration.channel.pollTimeoutSeconds == 30)
        #expect(configuration.daemon.backoffInitialSeconds == 1)
        #expect(configuration.daemon.backoffMaxSeconds == 60)
        #expect(configuration.delivery.maxInFlight == 0)
        #expect(configuration.delivery.maxInFlight(idempotentReplies: true) == 8)
        #expect(configuration.delivery.maxInFlight(idempotentReplies: false) == 1)
        #expect(configuration.delivery.telegram == .init(perChatPerSecond: 1, overallPerSecond: 30))
    }

    @Test func flagsOverrideTheEnvironmentWhichOverridesTheFile() throws {
        let path = try file("channel:\n  kind: telegram\n  base_url: https://a.example\ndaemon:\n  data_directory: /srv/a\n")
        let fromFile = try DaemonOptions(configurationPath: path, environment: [:]).loadConfiguration()
        #expect(fromFile.channel.kind == "telegram")
        #expect(fromFile.channel.baseURL == "https://a.example")
        let fromEnvironment = try DaemonOptions(
            configurationPath: path, environment: ["HUABEI_CHANNEL_BASE_URL": "https://b.example", "HUABEI_DAEMON_PARALLEL_CHATS": "3"]
        ).loadConfiguration()
        #expect(fromEnvironment.channel.baseURL == "https://b.example")
        #expect(fromEnvironment.daemon.parallelChats == 3)
        let fromFlags = try DaemonOptions(
            configurationPath: path, channel: "local", baseURL: "http://127.0.0.1:9", dataDirectory: "/tmp/x",
            environment: ["HUABEI_CHANNEL_BASE_URL": "https://b.example"]
        ).loadConfiguration()
        #expect(fromFlags.channel.kind == "local")
        #expect(fromFlags.channel.baseURL == "http://127.0.0.1:9")
        #expect(fromFlags.daemon.dataDirectory == "/tmp/x")
    }

    @Test func badValuesAreReportedWithTheirLineAndExitCode78() throws {
        let path = try file("channel:\n  base_url: ftp://x\n  poll_timeout_seconds: 90\ndelivery:\n  local:\n    overall_per_second: -1\n")
        let error = #expect(throws: DaemonError.self) { try DaemonOptions(configurationPath: path, environment: [:]).loadConfiguration() }
        #expect(error?.exitCode == 78)
        #expect(error?.description.contains("\(path):2: 'channel.base_url'") == true)
        #expect(error?.description.contains("\(path):3: 'channel.poll_timeout_seconds'") == true)
        #expect(error?.description.contains("\(path):6: 'delivery.local.overall_per_second'") == true)
    }

    @Test func telegramWithoutATokenRefusesToStart() throws {
        var configuration = BotConfiguration()
        configuration.channel.kind = "telegram"
        configuration.daemon.dataDirectory = temporaryDirectory()
        let error = #expect(throws: DaemonError.self) {
            try BotDaemon.resolveToken(kind: .telegram, configuration: configuration, environment: [:])
        }
        #expect(error?.exitCode == 78)
        #expect(error?.description.contains("HUABEI_BOT_TOKEN") == true)
        // The local relay's token is generated in the data directory and shared with the relay.
        let local = try BotDaemon.resolveToken(kind: .local, configuration: configuration, environment: [:])
        #expect(FileManager.default.fileExists(atPath: configuration.daemon.dataDirectory + "/bot.token"))
        #expect(!"\(local)".contains(local.value))
    }

    @Test func aWatchdogShorterThanALongPollIsRefused() async throws {
        var configuration = BotConfiguration()
        configuration.daemon.watchdogSeconds = 30
        configuration.daemon.dataDirectory = temporaryDirectory()
        let error = await #expect(throws: DaemonError.self) {
            _ = try await BotDaemon.make(options: DaemonOptions(environment: [:]), configuration: configuration, logger: LogCapture().logger())
        }
        #expect(error?.exitCode == 78)
        #expect(error?.description.contains("daemon.watchdog_seconds") == true)
    }
}
