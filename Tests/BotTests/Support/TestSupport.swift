@testable import Bot
import BotConfig
import Channels
import Dialogue
import Foundation
import InMemoryLogging
import Logging
import ServiceLifecycleTestKit
import SharedTestSupport
import Testing
import UnixSignals

/// The repository's Intents/ and the trained engine every test target shares (`SharedEngine`, trained once per
/// process, off the cooperative pool when a suite carries `.trainedEngine` or a harness calls `prepare()`).
enum TestBrain {
    static let root = SharedEngine.root
    static let intentsDirectory = SharedEngine.intentsDirectory
    static var engine: DialogueEngine { SharedEngine.engine }

    /// A configuration with short delays, so failure tests run in milliseconds.
    static func fastConfiguration() -> BotConfiguration {
        var configuration = BotConfiguration()
        configuration.daemon.backoffInitialSeconds = 0.02
        configuration.daemon.backoffMaxSeconds = 0.1
        configuration.daemon.heartbeatSeconds = 3600
        configuration.channel.pollTimeoutSeconds = 1
        configuration.delivery.local = .init(perChatPerSecond: 0, overallPerSecond: 0)
        return configuration
    }

    static func brain(_ configuration: BotConfiguration = fastConfiguration()) -> Brain {
        Brain(engine: engine, configuration: configuration)
    }
}

/// A fresh directory in this test process's scratch folder (removed when the process exits).
func temporaryDirectory() -> String {
    ScratchDirectory.make("bot")
}

/// Waits until `condition` holds, checking every 10 ms; records an issue and returns false at the deadline. The
/// deadline is generous, so that a loaded machine never fails a test, while a real hang still does.
@discardableResult
func eventually(
    _ what: @autoclosure () -> String = "condition", within limit: Duration = .seconds(60),
    sourceLocation: Testing.SourceLocation = #_sourceLocation, _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    if try await condition() { return true }
    Issue.record("timed out waiting for \(what())", sourceLocation: sourceLocation)
    return false
}

/// Keeps every log line in memory (swift-log's `InMemoryLogHandler`), as `level message metadata` lines.
final class LogCapture: Sendable {
    private let handler = InMemoryLogHandler()

    var all: [String] { handler.entries.map { "\($0.level) \($0.message) \($0.metadata)" } }
    var text: String { all.joined(separator: "\n") }

    func logger(level: Logger.Level = .trace) -> Logger {
        let handler = self.handler
        var logger = Logger(label: "bot-test") { _ in handler }
        logger.logLevel = level
        return logger
    }

    func contains(_ fragment: String) -> Bool {
        all.contains { $0.contains(fragment) }
    }
}

/// A daemon on a fake channel with its own data directory; `run` runs it until the body returns, then shuts it
/// down gracefully and returns what it threw.
struct DaemonHarness {
    let channel: FakeChannel
    let directory: String
    let logs = LogCapture()
    var configuration: BotConfiguration
    var options = DaemonOptions(intentsDirectory: TestBrain.intentsDirectory)

    init(channel: FakeChannel = FakeChannel(), directory: String = temporaryDirectory(), configuration: BotConfiguration = TestBrain.fastConfiguration()) {
        self.channel = channel
        self.directory = directory
        self.configuration = configuration
    }

    func openStore() throws -> StateStore {
        try StateStore(directory: directory)
    }

    /// Runs the daemon while `body` runs; returns the daemon's error, if it stopped with one.
    @discardableResult
    func run(_ body: (DaemonRuntime) async throws -> Void) async throws -> DaemonError? {
        try await runDaemon(
            on: channel, directory: directory, configuration: configuration, options: options, logs: logs, body)
    }

}

/// Runs a daemon on `channel` with its own store and turn log in `directory` while `body` runs, then shuts it down
/// gracefully; returns the daemon's error, if it stopped with one, and rethrows what `body` threw.
func runDaemon(
    on channel: any ChatChannel, directory: String, configuration: BotConfiguration = TestBrain.fastConfiguration(),
    options: DaemonOptions = DaemonOptions(intentsDirectory: TestBrain.intentsDirectory), logs: LogCapture,
    _ body: (DaemonRuntime) async throws -> Void
) async throws -> DaemonError? {
    await SharedEngine.prepare()
    let store = try StateStore(directory: directory)
    defer { store.close() }
    let turnLog = try TurnLogWriter(directory: directory + "/logs") { _ in }
    let runtime = DaemonRuntime(
        channel: channel, store: store, brain: TestBrain.brain(configuration), turnLog: turnLog, options: options,
        logLevel: nil, logger: logs.logger())
    let signals = await UnixSignalsSequence(trapping: .sigusr2)
    return try await testGracefulShutdown { trigger in
        let daemon = Task { () -> DaemonError? in
            do throws(DaemonError) {
                try await runtime.run(reloadSignals: signals, shutdownSignals: [])
                return nil
            } catch {
                return error
            }
        }
        do {
            try await body(runtime)
        } catch {
            trigger.triggerGracefulShutdown()
            _ = await daemon.value
            throw error
        }
        trigger.triggerGracefulShutdown()
        return await daemon.value
    }
}
