@testable import Bot
import BotConfig
import Channels
import Dialogue
import Foundation
import SharedTestSupport
import Testing

/// The poll loop on a channel polled with a token (Matrix's `next_batch`): history skipped at first start, the
/// token stored after the batch, rooms keyed by their string ids, replies sent with permanent keys.
@Suite(.trainedEngine)
struct TokenPollingTests {
    @Test func theFirstStartSkipsHistoryThenAnswersAndStoresTheToken() async throws {
        let harness = DaemonHarness(channel: FakeChannel(kind: .matrix))
        let channel = harness.channel
        channel.receive("花呗被冻结了怎么办", room: "!old:example.org")  // before the bot's first start
        try await harness.run { runtime in
            await eventually("the first sync") { channel.polledOffsets.count >= 2 }
            channel.receive("花呗被冻结了怎么办", room: "!dm:example.org")
            channel.receive("第二条", room: "!dm:example.org")
            await eventually("two replies") { channel.sent.count == 2 }
        }
        #expect(channel.sent.allSatisfy { $0.chatAddress == "!dm:example.org" })
        #expect(channel.sent[0].text == TestBrain.engine.respond(to: "花呗被冻结了怎么办", state: .init()).reply)
        let keys = channel.sent.compactMap(\.idempotencyKey)
        #expect(Set(keys).count == 2)
        let store = try harness.openStore()
        defer { store.close() }
        #expect(try await store.syncToken() == "4")
        // The turn log names the room by its own id.
        let logs = try FileManager.default.contentsOfDirectory(atPath: harness.directory + "/logs")
        let text = try String(contentsOfFile: harness.directory + "/logs/" + logs[0], encoding: .utf8)
        #expect(text.contains(#""chat_id":"!dm:example.org""#))
    }

    @Test func aRestartResendsPendingRepliesWithTheSameKeyToTheRightRoom() async throws {
        let harness = DaemonHarness(channel: FakeChannel(kind: .matrix))
        let channel = harness.channel
        try await harness.run { _ in
            await eventually("the first sync") { channel.polledOffsets.count >= 1 }
            // Every send fails until the restart: however slowly the shutdown goes, the reply stays in the outbox.
            channel.failEverySend(with: ChannelError(.serverError, method: "send", status: 502))
            channel.receive("你好", room: "!a:example.org")
            await eventually("a failed send") { channel.sendAttempts >= 1 }
        }
        let store = try harness.openStore()
        let pending = try await store.pendingReplies()
        store.close()
        #expect(pending.count == 1)
        #expect(pending.first?.chatAddress == "!a:example.org")
        channel.stopFailingSends()
        try await harness.run { _ in
            await eventually("the reply") { channel.sent.count == 1 }
        }
        #expect(channel.sent.first?.chatAddress == "!a:example.org")
        #expect(channel.sent.first?.idempotencyKey == pending.first?.idempotencyKey)
        #expect(pending.first?.idempotencyKey != nil)
    }
}
