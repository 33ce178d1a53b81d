import Foundation
import HTTPTypes
import Testing

@testable import Relay

/// `/_faults`: each planned fault hits the next bot calls, then calls behave again. Off unless enabled.
@Suite struct FaultHookTests {
    private let enabled = RelayHarness.configuration { $0.faultHooksEnabled = true }

    private func plan(_ relay: RelayHarness, _ json: String) async throws {
        let reply = try await relay.post("/_faults", json: json)
        try #require(reply.status == 200, "\(reply.text)")
    }

    @Test func faultHooksAreOffByDefault() async throws {
        #expect(RelayConfiguration().faultHooksEnabled == false)
        try await RelayHarness.withRelay { relay in
            let reply = try await relay.post("/_faults", json: #"{"kind":"status500"}"#)
            #expect(reply.status == 404)
            #expect(try await relay.request(.get, relay.bot("getMe")).status == 200)
        }
    }

    @Test func status500() async throws {
        try await RelayHarness.withRelay(enabled) { relay in
            try await plan(relay, #"{"kind":"status500","count":2}"#)
            for _ in 0..<2 {
                let reply = try await relay.request(.get, relay.bot("getMe"))
                #expect(reply.status == 500)
                #expect(reply.json["ok"].bool == false)
                #expect(reply.json["error_code"].int == 500)
            }
            #expect(try await relay.request(.get, relay.bot("getMe")).status == 200)
        }
    }

    @Test func tooManyRequests() async throws {
        try await RelayHarness.withRelay(enabled) { relay in
            try await plan(relay, #"{"kind":"429","retry_after":7}"#)
            let reply = try await relay.request(.get, relay.bot("getUpdates"))
            #expect(reply.status == 429)
            #expect(reply.json["parameters"]["retry_after"].int == 7)
            #expect(reply.json["description"].string == "Too Many Requests: retry after 7")
            #expect(try await relay.request(.get, relay.bot("getUpdates")).status == 200)
        }
    }

    @Test func malformedBody() async throws {
        try await RelayHarness.withRelay(enabled) { relay in
            try await plan(relay, #"{"kind":"malformed"}"#)
            let reply = try await relay.request(.get, relay.bot("getUpdates"))
            #expect(reply.status == 200)
            #expect(reply.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(JSONValue.parse(reply.body) == nil, "body should not parse: \(reply.text)")
            #expect(try await relay.request(.get, relay.bot("getUpdates")).json["ok"].bool == true)
        }
    }

    @Test func delayThenNormalAnswer() async throws {
        try await RelayHarness.withRelay(enabled) { relay in
            try await plan(relay, #"{"kind":"delay","delay_ms":600}"#)
            let started = ContinuousClock.now
            let reply = try await relay.request(.get, relay.bot("getMe"))
            #expect(started.duration(to: .now) >= .milliseconds(550))
            #expect(reply.status == 200)
            #expect(reply.json["result"]["is_bot"].bool == true)
        }
    }

    @Test func droppedConnection() async throws {
        try await RelayHarness.withRelay(enabled) { relay in
            try await plan(relay, #"{"kind":"drop"}"#)
            await #expect(throws: (any Error).self) {
                _ = try await relay.request(.get, relay.bot("getMe"), timeout: .seconds(5))
            }
            #expect(try await relay.request(.get, relay.bot("getMe")).status == 200)
        }
    }

    @Test func faultedCallsHaveNoEffect() async throws {
        try await RelayHarness.withRelay(enabled) { relay in
            let chat = try await relay.createChat()
            try await relay.say("one", in: chat)
            let first = try await relay.request(.get, relay.bot("getUpdates"))
            let id = try #require(first.json["result"][0]["update_id"].int)
            try await plan(relay, #"{"kind":"status500"}"#)
            // The faulted call would have confirmed the update; it did not.
            #expect(try await relay.request(.get, relay.bot("getUpdates", query: "offset=\(id + 1)")).status == 500)
            let again = try await relay.request(.get, relay.bot("getUpdates"))
            #expect(again.json["result"][0]["update_id"].int == id)
        }
    }

    @Test func plansQueueInOrderAndCanBeListedAndCleared() async throws {
        try await RelayHarness.withRelay(enabled) { relay in
            try await plan(relay, #"{"kind":"429"}"#)
            try await plan(relay, #"{"kind":"status500","count":3}"#)
            let listed = try await relay.request(.get, "/_faults")
            #expect(listed.json["pending"].array?.compactMap { $0["kind"].string } == ["429", "status500"])
            #expect(try await relay.request(.get, relay.bot("getMe")).status == 429)
            #expect(try await relay.request(.get, relay.bot("getMe")).status == 500)
            let cleared = try await relay.request(.delete, "/_faults")
            #expect(cleared.json["pending"].array?.isEmpty == true)
            #expect(try await relay.request(.get, relay.bot("getMe")).status == 200)
        }
    }

    @Test(arguments: [#"{"kind":"explode"}"#, #"{"kind":"delay","delay_ms":999999999}"#, #"{"kind":"429","count":0}"#, "nope"])
    func invalidPlansAreRefused(body: String) async throws {
        try await RelayHarness.withRelay(enabled) { relay in
            let reply = try await relay.post("/_faults", json: body)
            #expect(reply.status == 400)
            #expect(try await relay.request(.get, relay.bot("getMe")).status == 200)
        }
    }

    @Test func faultsNeedTheRightTokenFirst() async throws {
        try await RelayHarness.withRelay(enabled) { relay in
            try await plan(relay, #"{"kind":"status500"}"#)
            #expect(try await relay.request(.get, "/botwrong-token/getMe").status == 401)
            #expect(try await relay.request(.get, relay.bot("getMe")).status == 500)
        }
    }
}
