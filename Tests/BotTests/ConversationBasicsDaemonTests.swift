@testable import Bot
import BotConfig
import Channels
import Dialogue
import Foundation
import SharedTestSupport
import Synchronization
import Testing

/// The daemon's side of issue 17: it registers the commands at start-up (a failure is logged and stops nothing),
/// applies the group rule, and logs commands as decisions of their own. On the existing ``FakeChannel``, wrapped
/// to record `setMyCommands` and to make some chats groups.
@Suite(.trainedEngine)
struct ConversationBasicsDaemonTests {
    /// ``FakeChannel`` with `setMyCommands` (scripted failures, recorded calls), and chats that are supergroups.
    final class CommandsChannel: ChatChannel {
        let inner = FakeChannel()
        let kind: ChannelKind = .local
        private let state = Mutex<(registered: [[BotCommandDescription]], attempts: Int, failures: [ChannelError])>(([], 0, []))
        let groupChats: Set<Int64>

        init(groupChats: Set<Int64> = [], failures: [ChannelError] = []) {
            self.groupChats = groupChats
            state.withLock { $0.failures = failures }
        }

        var registered: [[BotCommandDescription]] { state.withLock { $0.registered } }
        var attempts: Int { state.withLock { $0.attempts } }

        func getMe() async throws(ChannelError) -> BotIdentity { try await inner.getMe() }

        func getUpdates(offset: Int64, limit: Int, timeout: Int) async throws(ChannelError) -> UpdateBatch {
            var batch = try await inner.getUpdates(offset: offset, limit: limit, timeout: timeout)
            batch.updates = batch.updates.map { update in
                guard case .text(var message) = update.content, groupChats.contains(message.chatID) else { return update }
                message.chatType = "supergroup"
                return ChannelUpdate(updateID: update.updateID, content: .text(message))
            }
            return batch
        }

        func sendMessage(chatID: Int64, text: String, replyTo: Int64?) async throws(ChannelError) -> Int64 {
            try await inner.sendMessage(chatID: chatID, text: text, replyTo: replyTo)
        }

        func setMyCommands(_ commands: [BotCommandDescription]) async throws(ChannelError) {
            let failure = state.withLock { state -> ChannelError? in
                state.attempts += 1
                if !state.failures.isEmpty { return state.failures.removeFirst() }
                state.registered.append(commands)
                return nil
            }
            if let failure { throw failure }
        }
    }

    /// Runs a daemon on `channel` while `body` runs (as ``DaemonHarness/run(_:)`` does for a bare fake channel).
    func run(_ channel: CommandsChannel, directory: String = temporaryDirectory(), logs: LogCapture = LogCapture(), _ body: () async throws -> Void) async throws {
        let failure = try await runDaemon(on: channel, directory: directory, logs: logs) { _ in try await body() }
        #expect(failure == nil)
    }

    @Test func theDaemonRegistersTheCommandsWithTheirChineseDescriptions() async throws {
        let channel = CommandsChannel()
        let logs = LogCapture()
        try await run(channel, logs: logs) {
            await eventually("setMyCommands") { !channel.registered.isEmpty }
            await eventually("the log line") { logs.contains("registered the bot's commands") }
        }
        let expected = TestBrain.engine.catalog.responses.commands
        let registered = try #require(channel.registered.first)
        #expect(registered.map(\.command) == expected.map(\.name))
        #expect(Set(registered.map(\.command)).isSuperset(of: ["start", "help", "reset"]))
        #expect(registered.map(\.description) == expected.map(\.description))
        #expect(registered.allSatisfy { $0.description.unicodeScalars.contains { $0.properties.isIdeographic } })
        #expect(channel.registered.count == 1)
    }

    @Test func aReloadThatChangesTheCommandsRegistersThemAgain() async throws {
        let channel = CommandsChannel()
        let first = [BotCommandDescription(command: "start", description: "开始")]
        let changed = first + [BotCommandDescription(command: "help", description: "帮助")]
        let service = CommandRegistrationService(
            channel: channel, commands: first, backoffInitial: .milliseconds(1), backoffMaximum: .milliseconds(1),
            logger: LogCapture().logger())
        let running = Task { await service.run() }
        await eventually("the start-up registration") { channel.registered.count == 1 }
        service.reload(changed)
        await eventually("the reloaded commands registered") { channel.registered.count == 2 }
        running.cancel()
        await running.value
        #expect(channel.registered == [first, changed])
    }

    @Test func aTransientFailureIsRetried() async throws {
        let channel = CommandsChannel(failures: [
            ChannelError(.transport, method: "setMyCommands", detail: "connection refused"),
            ChannelError(.serverError, method: "setMyCommands", status: 502),
        ])
        try await run(channel) {
            await eventually("the third attempt to succeed") { channel.registered.count == 1 }
        }
        #expect(channel.attempts == 3)
    }

    @Test func aRefusalIsLoggedAndTheDaemonAnswersAnyway() async throws {
        let channel = CommandsChannel(failures: [ChannelError(.refused, method: "setMyCommands", status: 400, detail: "Bad Request: BOT_COMMAND_INVALID")])
        let logs = LogCapture()
        channel.inner.receive("/start", chat: 5)
        try await run(channel, logs: logs) {
            await eventually("the failure logged") { logs.contains("could not register the bot's commands") }
            await eventually("/start answered") { channel.inner.sent(to: 5).count == 1 }
        }
        #expect(channel.attempts == 1)
        #expect(logs.contains("BOT_COMMAND_INVALID"))
        #expect(channel.inner.sent(to: 5).first?.hasPrefix(String(TestBrain.engine.catalog.responses.command("start")!.reply.prefix(10))) == true)
    }

    @Test func aChannelWithoutCommandsStillServes() async throws {
        // The bare fake channel has no setMyCommands: the default refuses, the daemon logs it and goes on.
        let harness = DaemonHarness()
        harness.channel.receive("菜单", chat: 3)
        try await harness.run { _ in
            await eventually("the menu sent") { harness.channel.sent(to: 3).count == 1 }
            await eventually("the failure logged") { harness.logs.contains("could not register the bot's commands") }
        }
    }

    @Test func inAGroupOnlyMessagesAddressedToTheBotAreAnsweredAndCommandsAreLoggedAsSuch() async throws {
        let group: Int64 = -100_777
        let channel = CommandsChannel(groupChats: [group])
        let directory = temporaryDirectory()
        channel.inner.receive("大家好，我的花呗也冻结了", chat: group)
        channel.inner.receive("/start@other_bot", chat: group)
        channel.inner.receive("/start", chat: group)
        channel.inner.receive("@fake_bot 多久能恢复", chat: group)
        channel.inner.receive("/help", chat: 8)  // a private chat: as before
        channel.inner.receive("你好", chat: 8)
        try await run(channel, directory: directory) {
            await eventually("the addressed messages answered") { channel.inner.sent.count == 4 }
            await eventually("every update confirmed") { channel.inner.pendingUpdates.isEmpty }
        }
        let sent = channel.inner.sent(to: group)
        #expect(sent.count == 2)
        #expect(sent.first?.hasPrefix(String(TestBrain.engine.catalog.responses.command("start")!.reply.prefix(10))) == true)
        #expect(channel.inner.sent(to: 8).count == 2)
        let logs = try FileManager.default.contentsOfDirectory(atPath: directory + "/logs")
            .map { try String(contentsOfFile: directory + "/logs/" + $0, encoding: .utf8) }.joined()
        #expect(logs.contains(#""decision":"command:start""#))
        #expect(logs.contains(#""decision":"command:help""#))
        #expect(logs.contains(#""intent":"command""#))
        #expect(!logs.contains("大家好"))
    }
}
