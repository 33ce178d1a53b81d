import Foundation
import SharedTestSupport
import GRDB
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Exactly-once replies on our own channel, with the real binaries: while 10 chats talk to the daemon through the
/// relay, the daemon is killed (SIGKILL) three times with replies on the wire, each time restarted. Every message is
/// answered, **no reply shows twice**, and each chat's replies come in the order of its messages.
///
/// The relay holds some bot calls back (its fault hook's `delay`), so that each kill finds replies the relay took
/// but the daemon never heard about, and replies still in the relay's hands when the new daemon resends them.
@Suite(.serialized)
struct ExactlyOnceTests {
    static let chats = 10
    static let messagesPerChat = 8
    static let kills = 3

    @Test func threeKillsWhileTenChatsTalkLeaveNoReplyTwiceAndEveryChatInOrder() async throws {
        try await BinaryHarness.with(BinaryHarness()) { harness in
            let (_, port) = try await harness.startRelay(faultHooks: true)
            var chats: [BinaryHarness.Chat] = []
            for _ in 0..<Self.chats { chats.append(try await harness.createChat(port: port)) }
            let texts = ["我的花呗怎么用不了了", "没有", "花呗逾期了怎么办", "还清了", "芝麻分低于600", "是的", "谢谢", "你好"]
            let lives = Self.kills + 1
            let roundsPerLife = Self.messagesPerChat / lives
            var round = 0
            for life in 0..<lives {
                let daemon = try await harness.startDaemon(port: port)
                let rounds = life == lives - 1 ? Self.messagesPerChat - round : roundsPerLife
                let before = try Self.count(relayData: harness.relayData, sender: "bot")
                if life < lives - 1 {
                    // The next bot calls wait 300 ms in the relay: replies will be on the wire when the kill lands.
                    try await harness.plan(fault: "delay", count: 12, delayMilliseconds: 300, port: port)
                }
                for _ in 0..<rounds {
                    for (index, chat) in chats.enumerated() {
                        try await harness.post("\(texts[(round + index) % texts.count])", to: chat, port: port)
                    }
                    round += 1
                }
                if life < lives - 1 {
                    // Kill once some of this life's replies arrived and others are still on their way.
                    let progressed = await eventuallyTrue {
                        try Self.count(relayData: harness.relayData, sender: "bot") >= before + 3
                    }
                    #expect(progressed, "the daemon answered nothing in life \(life):\n\(daemon.log)")
                    daemon.signal(SIGKILL)
                    #expect(await daemon.wait(within: TestSlowdown.scaled(.seconds(10))) == .signalled(SIGKILL))
                }
            }
            let answered = await eventuallyTrue {
                try CrashRecoveryTests.unanswered(relayData: harness.relayData).isEmpty
            }
            #expect(answered, "messages left unanswered")
            #expect(try Self.count(relayData: harness.relayData, sender: "user") == Self.chats * Self.messagesPerChat)
            #expect(try Self.answersPerMessage(relayData: harness.relayData).allSatisfy { $0 == 1 }, "a reply shown twice")
            for chat in try Self.chatIDs(relayData: harness.relayData) {
                let order = try Self.order(relayData: harness.relayData, chatID: chat)
                #expect(order.repliedTo == order.userMessages, "chat \(chat): replies out of order")
            }
            // The relay kept the daemon's keys: it was the idempotent path that made this hold.
            #expect(try Self.keyCount(relayData: harness.relayData) > 0)
            print("exactly once: \(Self.kills) kills, \(Self.chats * Self.messagesPerChat) messages, no reply twice")
        }
    }

    static func count(relayData: String, sender: String) throws -> Int {
        try CrashRecoveryTests.count(relayData: relayData, sender: sender)
    }

    /// For each person's message, how many bot messages answer it.
    static func answersPerMessage(relayData: String) throws -> [Int] {
        try CrashRecoveryTests.open(relayData).read { db in
            try Int.fetchAll(
                db,
                sql: """
                    SELECT (SELECT COUNT(*) FROM message b WHERE b.sender = 'bot' AND b.reply_to = m.id)
                    FROM message m WHERE m.sender = 'user'
                    """)
        }
    }

    static func chatIDs(relayData: String) throws -> [Int64] {
        try CrashRecoveryTests.open(relayData).read { db in try Int64.fetchAll(db, sql: "SELECT id FROM chat") }
    }

    /// A chat's messages from the person, and the messages its bot replies answer, both in the order shown.
    static func order(relayData: String, chatID: Int64) throws -> (userMessages: [Int64], repliedTo: [Int64]) {
        try CrashRecoveryTests.open(relayData).read { db in
            let user = try Int64.fetchAll(
                db, sql: "SELECT id FROM message WHERE chat_id = ? AND sender = 'user' ORDER BY id", arguments: [chatID])
            let replies = try Int64.fetchAll(
                db,
                sql: "SELECT reply_to FROM message WHERE chat_id = ? AND sender = 'bot' AND reply_to IS NOT NULL ORDER BY id",
                arguments: [chatID])
            return (user, replies)
        }
    }

    static func keyCount(relayData: String) throws -> Int {
        try CrashRecoveryTests.open(relayData).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM idempotency_key") ?? 0
        }
    }
}
