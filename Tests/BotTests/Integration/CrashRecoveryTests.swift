import Foundation
import SharedTestSupport
import GRDB
import Testing
import TurnLogTesting

#if canImport(Glibc)
import Glibc
#endif

/// kill -9 at random moments during a 500-message run across 50 chats, restarting each time: no message goes
/// unanswered, and no more replies are repeated than there were kills.
@Suite(.serialized)
struct CrashRecoveryTests {
    static let chats = 50
    static let messagesPerChat = 10
    static let kills = 5

    @Test func sigkillAtRandomMomentsLosesNothingAndRepeatsAtMostOneReplyPerKill() async throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        var random = SeededGenerator(seed: seed)
        try await BinaryHarness.with(BinaryHarness()) { harness in
            let (_, port) = try await harness.startRelay()
            var chats: [BinaryHarness.Chat] = []
            for _ in 0..<Self.chats { chats.append(try await harness.createChat(port: port)) }
            let texts = ["我的花呗怎么用不了了", "没有", "花呗逾期了怎么办", "还清了", "芝麻分低于600", "是的", "谢谢", "你好", "套现会被冻结吗", "不是"]

            // Post the messages in rounds across the daemon's lives, so that kills land while it works.
            let total = Self.chats * Self.messagesPerChat
            var posted = 0
            var kills = 0
            let lives = Self.kills + 1
            for life in 0..<lives {
                let daemon = try await harness.startDaemon(port: port)
                let share = life == lives - 1 ? total - posted : total / lives
                let round = posted
                // `[chats]`: the task gets its own copy of the (by then complete) list. Capturing the variable
                // itself passes the compiler's checks in a normal build, but `--sanitize=thread` instruments the
                // variable's accesses and the same code then fails to compile ("sending value … risks causing
                // data races").
                let poster = Task { [chats] in
                    for index in round..<(round + share) {
                        let chat = chats[index % Self.chats]
                        try await harness.post(texts[(index / Self.chats) % texts.count], to: chat, port: port)
                    }
                }
                posted += share
                if life < lives - 1 {
                    // Somewhere in the middle of handling and sending.
                    try await Task.sleep(for: .milliseconds(Int.random(in: 100...900, using: &random)))
                    daemon.signal(SIGKILL)
                    #expect(await daemon.wait(within: TestSlowdown.scaled(.seconds(10))) == .signalled(SIGKILL))
                    kills += 1
                }
                try await poster.value
                if life == lives - 1 {
                    let answered = await eventuallyTrue {
                        try Self.unanswered(relayData: harness.relayData).isEmpty
                    }
                    #expect(answered, "seed \(seed): messages left unanswered")
                }
            }
            let unanswered = try Self.unanswered(relayData: harness.relayData)
            let duplicates = try Self.duplicateReplies(relayData: harness.relayData)
            let userMessages = try Self.count(relayData: harness.relayData, sender: "user")
            print("crash recovery: seed \(seed), \(kills) kills, \(total) messages, \(duplicates) repeated replies")
            #expect(userMessages == total)
            #expect(unanswered.isEmpty, "seed \(seed): unanswered messages \(unanswered)")
            #expect(duplicates <= kills, "seed \(seed): \(duplicates) repeated replies after \(kills) kills")
        }
    }

    // The relay's own database says which message each reply answers (`reply_to`): read it directly.

    static func open(_ relayData: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        return try DatabaseQueue(path: relayData + "/relay.sqlite", configuration: configuration)
    }

    static func unanswered(relayData: String) throws -> [Int64] {
        try open(relayData).read { db in
            try Int64.fetchAll(
                db,
                sql: """
                    SELECT m.id FROM message m WHERE m.sender = 'user'
                    AND NOT EXISTS (SELECT 1 FROM message b WHERE b.sender = 'bot' AND b.reply_to = m.id)
                    """)
        }
    }

    static func duplicateReplies(relayData: String) throws -> Int {
        try open(relayData).read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM message WHERE sender = 'bot' GROUP BY reply_to)")
                ?? 0
        }
    }

    static func count(relayData: String, sender: String) throws -> Int {
        try open(relayData).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE sender = ?", arguments: [sender]) ?? 0
        }
    }
}
