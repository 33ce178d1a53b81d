import Foundation
import HTTPTypes
import Testing

@testable import Relay

/// Two `getUpdates` at once on one token: as Telegram does, the newer request wins and the one already
/// waiting is terminated with 409 Conflict.
@Suite struct ConflictTests {
    @Test func aSecondConcurrentGetUpdatesGetsAConflict() async throws {
        try await RelayHarness.withRelay { relay in
            // The relay's longest poll (50 s): a first poll that was not terminated would still be waiting long after
            // the 25 s below, on any machine.
            let started = ContinuousClock.now
            async let first = relay.request(.get, relay.bot("getUpdates", query: "timeout=50"), timeout: .seconds(60))
            try await relay.waitUntilBotPolling()
            let second = try await relay.request(.get, relay.bot("getUpdates", query: "timeout=0"))
            let terminated = try await first
            #expect(second.status == 200)
            #expect(second.json["ok"].bool == true)
            #expect(terminated.status == 409)
            #expect(terminated.json["ok"].bool == false)
            #expect(terminated.json["error_code"].int == 409)
            #expect(
                terminated.json["description"].string
                    == "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running")
            #expect(started.duration(to: .now) < .seconds(25), "the first poll (timeout 50 s) was not terminated")
        }
    }

    @Test func theNewerPollKeepsWaitingAndGetsTheMessage() async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            async let first = relay.request(.get, relay.bot("getUpdates", query: "timeout=30"), timeout: .seconds(40))
            try await relay.waitUntilBotPolling()
            async let second = relay.request(.get, relay.bot("getUpdates", query: "timeout=30"), timeout: .seconds(40))
            let terminated = try await first
            #expect(terminated.status == 409)
            try await relay.waitUntilBotPolling()
            try await relay.say("还在吗", in: chat)
            let winner = try await second
            #expect(winner.status == 200)
            #expect(winner.json["result"][0]["message"]["text"].string == "还在吗")
        }
    }

    @Test func sequentialPollsDoNotConflict() async throws {
        try await RelayHarness.withRelay { relay in
            for _ in 0..<3 {
                let reply = try await relay.request(.get, relay.bot("getUpdates", query: "timeout=0"))
                #expect(reply.status == 200)
            }
        }
    }
}
