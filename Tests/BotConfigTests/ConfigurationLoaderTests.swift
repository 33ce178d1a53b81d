import BotConfig
import Foundation
import SharedTestSupport
import Testing

@Suite("ConfigurationLoader")
struct ConfigurationLoaderTests {
    func file(_ text: String) throws -> String {
        let path = ScratchDirectory.path("config", suffix: ".yaml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("defaults apply without a file")
    func defaults() throws {
        let configuration = try ConfigurationLoader(environment: [:]).load(path: nil)
        #expect(configuration == BotConfiguration())
        #expect(configuration.dialogue.idleTimeoutMinutes == 60)
    }

    @Test("the repository's Config/huabei-bot.yaml is valid")
    func repositoryConfig() throws {
        let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        _ = try ConfigurationLoader(environment: [:]).load(path: root.appendingPathComponent("Config/huabei-bot.yaml").path)
    }

    @Test("file values override defaults and the environment overrides the file")
    func precedence() throws {
        let path = try file("classifier:\n  confidence_threshold: 0.6\ndialogue:\n  idle_timeout_minutes: 30\n")
        let fromFile = try ConfigurationLoader(environment: [:]).load(path: path)
        #expect(fromFile.classifier.confidenceThreshold == 0.6)
        #expect(fromFile.dialogue.idleTimeoutMinutes == 30)
        let fromEnvironment = try ConfigurationLoader(environment: ["HUABEI_CLASSIFIER_CONFIDENCE_THRESHOLD": "0.7"]).load(path: path)
        #expect(fromEnvironment.classifier.confidenceThreshold == 0.7)
    }

    @Test("unknown keys, wrong types and out-of-range values are reported with file and line")
    func errors() throws {
        let path = try file("classifier:\n  confidence_treshold: 0.6\n  ambiguity_margin: lots\ndialogue:\n  idle_timeout_minutes: 0\n")
        do {
            _ = try ConfigurationLoader(environment: [:]).load(path: path)
            Issue.record("expected errors")
        } catch {
            let text = error.description
            #expect(text.contains("\(path):2: unknown key 'classifier.confidence_treshold'; did you mean 'classifier.confidence_threshold'?"))
            #expect(text.contains("\(path):3: 'classifier.ambiguity_margin': expected a number, got 'lots'"))
            #expect(text.contains("\(path):5: 'dialogue.idle_timeout_minutes': 0 is out of range"))
            #expect(error.errors.count == 3)
        }
    }

    @Test("a bad environment value names the variable")
    func environmentError() {
        #expect(throws: DataFileErrors.self) {
            try ConfigurationLoader(environment: ["HUABEI_LOGGING_LEVEL": "loud"]).load(path: nil)
        }
    }

    @Test("a missing file that was asked for is an error; invalid YAML names the line")
    func missingAndInvalid() throws {
        #expect(throws: DataFileErrors.self) { try ConfigurationLoader(environment: [:]).load(path: "/nonexistent.yaml") }
        let path = try file("classifier:\n  confidence_threshold: [0.5\n")
        do {
            _ = try ConfigurationLoader(environment: [:]).load(path: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.errors.first?.location.line != nil)
            #expect(error.description.contains("invalid YAML"))
        }
    }
}
