import Foundation
import SharedTestSupport
import Testing

@testable import BotConfig

/// Token resolution shared by the relay and the daemon: environment, token file, generated file.
@Suite struct BotTokenTests {
    private func temporaryDirectory() -> String {
        ScratchDirectory.make("bot-token")
    }

    private func mode(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int)
    }

    @Test func environmentVariableWins() throws {
        let directory = temporaryDirectory()
        let file = directory + "/given.token"
        try "111111:from-file-token".write(toFile: file, atomically: true, encoding: .utf8)
        let token = try BotToken.resolve(
            environment: ["HUABEI_BOT_TOKEN": "222222:from-env-token", "HUABEI_BOT_TOKEN_FILE": file],
            tokenFile: file, dataDirectory: directory)
        #expect(token.value == "222222:from-env-token")
        #expect(token.source == .environment)
        #expect(token.botID == 222_222)
        #expect(!FileManager.default.fileExists(atPath: directory + "/bot.token"))
    }

    @Test func tokenFileFromOptionOrEnvironment() throws {
        let directory = temporaryDirectory()
        let optionFile = directory + "/option.token"
        let environmentFile = directory + "/env.token"
        try "333333:option-token\n".write(toFile: optionFile, atomically: true, encoding: .utf8)
        try "  444444:env-file-token  \n".write(toFile: environmentFile, atomically: true, encoding: .utf8)

        let fromOption = try BotToken.resolve(
            environment: ["HUABEI_BOT_TOKEN_FILE": environmentFile], tokenFile: optionFile, dataDirectory: directory)
        #expect(fromOption.value == "333333:option-token")
        #expect(fromOption.source == .file(path: optionFile))

        let fromEnvironment = try BotToken.resolve(
            environment: ["HUABEI_BOT_TOKEN": "", "HUABEI_BOT_TOKEN_FILE": environmentFile], dataDirectory: directory)
        #expect(fromEnvironment.value == "444444:env-file-token")
    }

    @Test func generatedOnceWithMode0600AndReused() throws {
        let directory = temporaryDirectory() + "/nested/data"
        let first = try BotToken.resolve(environment: [:], dataDirectory: directory)
        let path = directory + "/bot.token"
        #expect(first.source == .generated(path: path))
        #expect(try mode(of: path) & 0o777 == 0o600)
        #expect(first.botID != nil)
        #expect(first.value.count > 40)

        let second = try BotToken.resolve(environment: [:], dataDirectory: directory)
        #expect(second.value == first.value)
        #expect(second.source == .reused(path: path))
        // No temporary files are left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["bot.token"])
    }

    @Test func concurrentFirstStartsAgreeOnOneToken() async throws {
        let directory = temporaryDirectory()
        let values = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask { try BotToken.resolve(environment: [:], dataDirectory: directory).value }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(values.count == 1)
    }

    @Test func errorsNeverContainTheToken() throws {
        let directory = temporaryDirectory()
        let secret = "555555:secret value with spaces"
        do {
            _ = try BotToken.resolve(environment: ["HUABEI_BOT_TOKEN": secret], dataDirectory: directory)
            Issue.record("an invalid token was accepted")
        } catch {
            #expect(!error.description.contains("secret"))
            #expect(error.description.contains("HUABEI_BOT_TOKEN"))
        }
        let file = directory + "/bad.token"
        try secret.write(toFile: file, atomically: true, encoding: .utf8)
        do {
            _ = try BotToken.resolve(environment: [:], tokenFile: file, dataDirectory: directory)
            Issue.record("an invalid token file was accepted")
        } catch {
            #expect(!error.description.contains("secret"))
            #expect(error.description.contains(file))
        }
        let token = try BotToken("666666:fine-token")
        #expect(!"\(token)".contains("fine-token"))
        #expect(!String(reflecting: token).contains("fine-token"))
        var dumped = ""
        dump(token, to: &dumped)
        #expect(!dumped.contains("fine-token"))
    }

    @Test func missingOrEmptyTokenFile() throws {
        let directory = temporaryDirectory()
        #expect(throws: BotTokenError.self) {
            try BotToken.resolve(environment: [:], tokenFile: directory + "/missing", dataDirectory: directory)
        }
        let empty = directory + "/empty.token"
        try "\n".write(toFile: empty, atomically: true, encoding: .utf8)
        #expect(throws: BotTokenError.empty(path: empty)) {
            try BotToken.resolve(environment: ["HUABEI_BOT_TOKEN_FILE": empty], dataDirectory: directory)
        }
    }

    @Test(arguments: ["short", "123:has space", "123:has/slash", "123:has?query", String(repeating: "a", count: 300)])
    func invalidTokensAreRefused(value: String) {
        #expect(throws: BotTokenError.self) { try BotToken(value) }
    }
}
