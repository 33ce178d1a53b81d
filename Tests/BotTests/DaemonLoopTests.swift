@testable import Bot
import BotConfig
import Channels
import Dialogue
import Foundation
import SharedTestSupport
import Testing
import UnixSignals

/// The poll loop's state machine on a fake channel: offsets, dedupe after a restart, the outbox, failures.
@Suite(.trainedEngine)
struct DaemonLoopTests {
    @Test func answersEachChatInOrderAndStoresTheOffset() async throws {
        let harness = DaemonHarness()
        let channel = harness.channel
        let chats: [Int64] = [1, 2, 3]
        for chat in chats {
            channel.receive("我的花呗怎么用不了了", chat: chat)
            channel.receive("没有", chat: chat)
        }
        try await harness.run { _ in
            await eventually("six replies") { channel.sent.count == 6 }
        }
        let overview = TestBrain.engine.respond(to: "我的花呗怎么用不了了", state: .init())
        let second = TestBrain.engine.respond(to: "没有", state: overview.state)
        for chat in chats {
            #expect(channel.sent(to: chat) == [overview.reply, second.reply])
        }
        // Each reply answers its message.
        #expect(channel.sent.allSatisfy { $0.replyTo != nil })
        let store = try harness.openStore()
        defer { store.close() }
        #expect(try await store.nextOffset() == 7)
        #expect(try await store.pendingReplies().isEmpty)
        let stored = try #require(try await store.conversation(chatID: 1))
        #expect(stored.lastIntent == second.state.lastIntent)
        #expect(stored.pending == second.state.pending)
        #expect(stored.turns == 2)
    }

    @Test func aRestartBeforeTheOffsetReachedTheServerAnswersNothingTwice() async throws {
        let harness = DaemonHarness()
        let channel = harness.channel
        channel.receive("花呗逾期了怎么办", chat: 9)
        channel.receive("还清了", chat: 9)
        let delivered = channel.pendingUpdates
        try await harness.run { _ in
            await eventually("two replies") { channel.sent.count == 2 }
        }
        // The crash case: the server never saw the new offset, and the stored one is lost too.
        channel.redeliver(from: delivered)
        let store = try harness.openStore()
        try await store.saveOffset(0, acknowledged: 0)
        store.close()
        channel.receive("谢谢", chat: 9)
        try await harness.run { runtime in
            await eventually("the new message's reply") { channel.sent.count >= 3 }
            await eventually("the two old updates recognised") { runtime.status.snapshot.duplicates == 2 }
            await eventually("the server to be confirmed") { channel.pendingUpdates.isEmpty }
        }
        #expect(channel.sent.count == 3)
    }

    @Test func repliesStoredButNotSentGoOutAfterARestartInOrder() async throws {
        let harness = DaemonHarness()
        let store = try harness.openStore()
        _ = try await store.recordTurn(HandledTurn(updateID: 1, chatID: 5, state: nil, replies: ["第一", "第二"], replyTo: 11))
        _ = try await store.recordTurn(HandledTurn(updateID: 2, chatID: 6, state: nil, replies: ["第三"], replyTo: 12))
        try await store.saveOffset(3, acknowledged: 0)
        store.close()
        let channel = harness.channel
        try await harness.run { _ in
            await eventually("three replies") { channel.sent.count == 3 }
            await eventually("a poll") { !channel.polledOffsets.isEmpty }
        }
        #expect(channel.sent(to: 5) == ["第一", "第二"])
        #expect(channel.sent.first { $0.chatID == 5 }?.replyTo == 11)
        #expect(channel.sent(to: 6) == ["第三"])
        #expect(channel.polledOffsets.first == 3)
    }

    @Test func nonTextGetsAPoliteRequestAndEditsJoinsAndBrokenUpdatesAreSkipped() async throws {
        let harness = DaemonHarness()
        let channel = harness.channel
        channel.receive(nil, chat: 3, kind: "sticker")
        channel.receiveIgnored("edited_message")
        channel.receiveIgnored("new_chat_members")
        channel.receiveMalformed(reason: "message.chat is missing")
        channel.receive("你好", chat: 3)
        try await harness.run { _ in
            await eventually("two replies") { channel.sent.count == 2 }
            await eventually("the offset past every update") { channel.pendingUpdates.isEmpty }
        }
        #expect(channel.sent(to: 3).first == TestBrain.engine.catalog.responses.nonText)
        #expect(channel.sent.count == 2)
        #expect(harness.logs.contains("skipped an update that cannot be read"))
    }

    @Test func anEncryptedRoomGetsTheResponsesFilesNoticeNotTheNonTextReply() async throws {
        let harness = DaemonHarness()
        let channel = harness.channel
        channel.receive(nil, chat: 4, kind: IncomingMessage.encryptedRoomKind)
        try await harness.run { _ in
            await eventually("the notice") { channel.sent.count == 1 }
        }
        let notice = TestBrain.engine.catalog.responses.encryptedRoom
        #expect(notice.contains("加密") && notice.contains("encrypted"))
        #expect(channel.sent(to: 4) == [notice])
    }

    @Test func pollFailuresAreRetriedAndTheBotKeepsAnswering() async throws {
        let harness = DaemonHarness()
        let channel = harness.channel
        channel.failPolls(
            ChannelError(.conflict, method: "getUpdates", status: 409),
            ChannelError(.rateLimited, method: "getUpdates", status: 429, retryAfter: .milliseconds(200)),
            ChannelError(.serverError, method: "getUpdates", status: 502),
            ChannelError(.transport, method: "getUpdates", detail: "could not connect"),
            ChannelError(.malformedResponse, method: "getUpdates", status: 200))
        channel.receive("你好", chat: 1)
        let clock = ContinuousClock()
        let start = clock.now
        try await harness.run { _ in
            await eventually("the reply") { channel.sent.count == 1 }
        }
        #expect(clock.now - start >= .milliseconds(200), "the 429's retry_after was not waited")
        #expect(harness.logs.contains("another poller uses this bot token"))
        #expect(harness.logs.contains("the server asked to wait (429)"))
        #expect(harness.logs.contains("polling failed: backing off"))
    }

    @Test func aRefusedTokenStopsTheDaemonWithExitCode77() async throws {
        let harness = DaemonHarness()
        harness.channel.failGetMe(ChannelError(.transport, method: "getMe"), ChannelError(.unauthorized, method: "getMe", status: 401))
        let store = try harness.openStore()
        defer { store.close() }
        let runtime = DaemonRuntime(
            channel: harness.channel, store: store, brain: TestBrain.brain(harness.configuration), turnLog: nil,
            options: harness.options, logLevel: nil, logger: harness.logs.logger())
        let error = await #expect(throws: DaemonError.self) {
            try await runtime.run(reloadSignals: UnixSignalsSequenceFactory.make(), shutdownSignals: [])
        }
        #expect(error?.kind == .tokenRejected)
        #expect(error?.exitCode == 77)
        #expect(harness.channel.getMeCalls == 2)
        #expect(error?.description.contains("HUABEI_BOT_TOKEN") == true)
    }

    @Test func aPermanentlyRefusedReplyLeavesTheOutboxAndBlocksNoOne() async throws {
        let harness = DaemonHarness()
        let channel = harness.channel
        channel.removeChat(7)
        channel.receive("你好", chat: 7)
        channel.receive("你好", chat: 8)
        channel.receive("谢谢", chat: 7)
        try await harness.run { _ in
            await eventually("chat 8's reply") { channel.sent.count == 1 }
            await eventually("both refusals") { channel.sendAttempts == 3 }
        }
        #expect(channel.sent.map(\.chatID) == [8])
        #expect(harness.logs.contains("the server refused a reply for good"))
        let store = try harness.openStore()
        defer { store.close() }
        #expect(try await store.pendingReplies().isEmpty)
        #expect(try await store.outboxCounts()["failed"] == 2)
    }

    @Test func aFailedSendIsRetriedAndSentOnce() async throws {
        let harness = DaemonHarness()
        let channel = harness.channel
        channel.failSends(
            ChannelError(.serverError, method: "sendMessage", status: 500),
            ChannelError(.transport, method: "sendMessage", detail: "connection lost"),
            ChannelError(.rateLimited, method: "sendMessage", status: 429, retryAfter: .milliseconds(50)))
        channel.receive("你好", chat: 4)
        try await harness.run { _ in
            await eventually("the reply") { channel.sent.count == 1 }
        }
        #expect(channel.sendAttempts == 4)
        #expect(channel.sent.count == 1)
        #expect(harness.logs.contains("sending a reply failed; it stays in the outbox"))
    }

    @Test func theWatchdogRestartsAStuckPoll() async throws {
        var harness = DaemonHarness()
        harness.configuration.daemon.watchdogSeconds = 0.3
        let channel = harness.channel
        channel.hangPolls(1)
        try await harness.run { _ in
            await eventually("a second poll") { channel.polledOffsets.count >= 2 }
            channel.receive("你好", chat: 1)
            await eventually("the reply") { channel.sent.count == 1 }
        }
        #expect(harness.logs.contains("watchdog: no poll has succeeded for a while; restarting polling"))
    }

    @Test func theHeartbeatSaysHowFarTheBotGot() async throws {
        var harness = DaemonHarness()
        harness.configuration.daemon.heartbeatSeconds = 0.05
        let channel = harness.channel
        channel.receive("你好", chat: 1)
        try await harness.run { _ in
            await eventually("the reply") { channel.sent.count == 1 }
            await eventually("a heartbeat after the reply") {
                harness.logs.all.contains { $0.contains("heartbeat: alive") && $0.contains("\"bot.sent\": 1") }
            }
        }
    }

    @Test func dropPendingSkipsTheBacklogOnlyWhenAsked() async throws {
        var harness = DaemonHarness()
        harness.options.dropPending = true
        let channel = harness.channel
        channel.receive("旧消息一", chat: 1)
        channel.receive("旧消息二", chat: 1)
        let store = try harness.openStore()
        _ = try await store.recordTurn(HandledTurn(updateID: 100, chatID: 2, state: nil, replies: ["unsent"], replyTo: nil))
        store.close()
        try await harness.run { _ in
            await eventually("polling") { harness.logs.contains("polling for updates") }
            channel.receive("新消息", chat: 1)
            await eventually("the new reply") { channel.sent.count == 1 }
        }
        #expect(channel.sent.count == 1)
        #expect(channel.sent(to: 2).isEmpty)
    }

    @Test func paceOfTheLocalChannelIsAppliedFromTheConfiguration() async throws {
        var harness = DaemonHarness()
        harness.configuration.delivery.local = .init(perChatPerSecond: 0, overallPerSecond: 10)
        let channel = harness.channel
        for chat in 1...15 { channel.receive("你好", chat: Int64(chat)) }
        let clock = ContinuousClock()
        var elapsed = Duration.zero
        try await harness.run { _ in
            let start = clock.now
            await eventually("fifteen replies") { channel.sent.count == 15 }
            elapsed = clock.now - start
        }
        // A burst of 10, then 5 more at 10 a second: at least about half a second.
        #expect(elapsed >= .milliseconds(400))
    }
}

/// A SIGHUP sequence for runtimes started outside the harness.
enum UnixSignalsSequenceFactory {
    static func make() async -> UnixSignalsSequence {
        await UnixSignalsSequence(trapping: .sigusr2)
    }
}
