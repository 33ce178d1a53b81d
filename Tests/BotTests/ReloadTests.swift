@testable import Bot
import BotConfig
import Classifier
import Dialogue
import Foundation
import Logging
import SharedTestSupport
import Testing
import UnixSignals

/// SIGHUP reloads atomically: a broken file keeps the running set and says why; a good set replaces it.
@Suite(.trainedEngine)
struct ReloadTests {
    /// A copy of Intents/ and a config file to edit.
    static func workspace() throws -> (intents: String, config: String) {
        let root = temporaryDirectory()
        let intents = root + "/Intents"
        try FileManager.default.copyItem(atPath: TestBrain.intentsDirectory, toPath: intents)
        let config = root + "/huabei-bot.yaml"
        try "logging:\n  level: info\n".write(toFile: config, atomically: true, encoding: .utf8)
        return (intents, config)
    }

    static func service(intents: String, config: String, logs: LogCapture, level: LogLevelControl) async -> (ReloadService, BrainBox) {
        let brains = BrainBox(TestBrain.brain(BotConfiguration()))
        let options = DaemonOptions(configurationPath: config, intentsDirectory: intents, environment: [:])
        let service = ReloadService(
            signals: await UnixSignalsSequence(trapping: .sigusr2), options: options, brains: brains, logLevel: level,
            logger: logs.logger(), applied: { _ in })
        return (service, brains)
    }

    @Test func aBrokenIntentFileKeepsTheRunningSet() async throws {
        let (intents, config) = try Self.workspace()
        let logs = LogCapture()
        let (service, brains) = await Self.service(intents: intents, config: config, logs: logs, level: LogLevelControl(.info))
        let before = brains.current.engine.catalog
        try "id: broken\ntitle: [unclosed\n".write(toFile: intents + "/broken.yaml", atomically: true, encoding: .utf8)
        await service.reload()
        #expect(brains.current.engine.catalog == before)
        #expect(logs.contains("reload failed; the previous intents and configuration keep running"))
        #expect(logs.contains("broken.yaml"))
    }

    @Test func aBrokenConfigurationKeepsTheRunningSet() async throws {
        let (intents, config) = try Self.workspace()
        let logs = LogCapture()
        let level = LogLevelControl(.info)
        let (service, brains) = await Self.service(intents: intents, config: config, logs: logs, level: level)
        try "logging:\n  level: loud\n".write(toFile: config, atomically: true, encoding: .utf8)
        let before = brains.current.configuration
        await service.reload()
        #expect(brains.current.configuration == before)
        #expect(level.level == .info)
        #expect(logs.contains("huabei-bot.yaml:2"))
    }

    @Test func aValidChangeReplacesTheSetAndTheLogLevel() async throws {
        let (intents, config) = try Self.workspace()
        let logs = LogCapture()
        let level = LogLevelControl(.info)
        let (service, brains) = await Self.service(intents: intents, config: config, logs: logs, level: level)
        try "logging:\n  level: debug\nclassifier:\n  confidence_threshold: 0.6\nchannel:\n  poll_limit: 10\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        await service.reload()
        #expect(brains.current.configuration.classifier.confidenceThreshold == 0.6)
        #expect(brains.current.engine.policy.confidenceThreshold == 0.6)
        #expect(level.level == .debug)
        #expect(logs.contains("reloaded"))
        #expect(logs.contains("take effect at the next start"))
    }
}
