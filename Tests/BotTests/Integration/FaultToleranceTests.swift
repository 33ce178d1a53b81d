import Foundation
import SharedTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The daemon rides out a relay restart and each of the relay's fault hooks without losing or repeating a reply.
@Suite(.serialized)
struct FaultToleranceTests {
    @Test func theRelayKilledAndRestartedMidRun() async throws {
        try await BinaryHarness.with(BinaryHarness()) { harness in
            let (relay, port) = try await harness.startRelay()
            let daemon = try await harness.startDaemon(port: port)
            let chat = try await harness.createChat(port: port)
            try await harness.post("你好", to: chat, port: port)
            #expect(try await harness.botReplies(in: chat, count: 1, port: port).count == 1)

            await relay.terminate()
            #expect(await daemon.waitForLog("polling failed: backing off", within: TestSlowdown.scaled(.seconds(30))))
            let (_, samePort) = try await harness.startRelay(port: port)
            try await harness.post("花呗逾期了怎么办", to: chat, port: samePort)
            let replies = try await harness.botReplies(in: chat, count: 2, port: samePort)
            #expect(replies.count == 2)
            #expect(daemon.poll() == nil)
        }
    }

    @Test func everyFaultHookIsSurvivedWithExactlyOneReplyPerMessage() async throws {
        try await BinaryHarness.with(BinaryHarness()) { harness in
            let (_, port) = try await harness.startRelay(faultHooks: true)
            let daemon = try await harness.startDaemon(port: port)
            let chat = try await harness.createChat(port: port)
            let faults: [(kind: String, log: String)] = [
                ("status500", "the server failed (500)"),
                ("delay", ""),
                ("malformed", "not a Bot API response"),
                // libcurl retries a request once on a fresh connection when a reused one closes before any answer,
                // so a dropped connection may never reach the daemon as an error: no log line is required.
                ("drop", ""),
                ("429", "asked to wait"),
            ]
            for (index, fault) in faults.enumerated() {
                try await harness.plan(fault: fault.kind, count: 2, delayMilliseconds: 1500, port: port)
                try await harness.post("你好 \(index)", to: chat, port: port)
                let replies = try await harness.botReplies(in: chat, count: index + 1, port: port)
                #expect(replies.count == index + 1, "no reply through the \(fault.kind) fault")
                #expect(await eventuallyTrue { try await harness.pendingFaults(port: port) == 0 }, "the \(fault.kind) fault was not used")
                if !fault.log.isEmpty { #expect(daemon.log.contains(fault.log), "no log line for \(fault.kind)") }
            }
            // No reply twice: every user message has exactly one answer.
            let all = try await harness.allMessages(of: chat, port: port)
            #expect(all.filter { $0.from == "user" }.count == faults.count)
            #expect(all.filter { $0.from == "bot" }.count == faults.count)
            #expect(daemon.poll() == nil)
        }
    }
}

/// Polls `condition` for up to 30 s (scaled by `TestSlowdown` in the sanitizer runs).
func eventuallyTrue(_ condition: () async throws -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + TestSlowdown.scaled(.seconds(30))
    while ContinuousClock.now < deadline {
        if (try? await condition()) == true { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return false
}
