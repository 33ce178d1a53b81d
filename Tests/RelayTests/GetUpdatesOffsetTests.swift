import Foundation
import HTTPTypes
import Testing

@testable import Relay

/// `getUpdates` with Telegram's `offset` and `limit` semantics.
@Suite struct GetUpdatesOffsetTests {
    private func updateIDs(_ reply: RelayHarness.Reply) -> [Int64] {
        reply.json["result"].array?.compactMap { $0["update_id"].int } ?? []
    }

    private func texts(_ reply: RelayHarness.Reply) -> [String] {
        reply.json["result"].array?.compactMap { $0["message"]["text"].string } ?? []
    }

    @Test func updatesHaveTelegramShape() async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            let messageID = try await relay.say("我的花呗被冻结了", in: chat)
            let reply = try await relay.request(.get, relay.bot("getUpdates"))
            #expect(reply.status == 200)
            #expect(reply.json["ok"].bool == true)
            let update = reply.json["result"][0]
            #expect(update.keys == ["update_id", "message"])
            #expect(update["update_id"].int != nil)
            let message = update["message"]
            #expect(message["message_id"].int == messageID)
            #expect(message["text"].string == "我的花呗被冻结了")
            #expect(message["from"]["is_bot"].bool == false)
            #expect(message["from"]["first_name"].string?.isEmpty == false)
            #expect(message["chat"]["type"].string == "private")
            #expect(message["chat"]["id"].int == message["from"]["id"].int)
            let now = Int64(Date().timeIntervalSince1970)
            #expect(abs((message["date"].int ?? 0) - now) < 60)
        }
    }

    @Test func updatesStayUntilALaterOffsetConfirmsThem() async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            for text in ["一", "二", "三"] { try await relay.say(text, in: chat) }

            let first = try await relay.request(.get, relay.bot("getUpdates"))
            let ids = updateIDs(first)
            #expect(texts(first) == ["一", "二", "三"])
            #expect(ids.count == 3 && ids == ids.sorted())

            // Without an offset nothing is confirmed: the same updates come again.
            let again = try await relay.request(.get, relay.bot("getUpdates"))
            #expect(updateIDs(again) == ids)

            // offset = second id confirms (deletes) the first only.
            let partial = try await relay.request(.get, relay.bot("getUpdates", query: "offset=\(ids[1])"))
            #expect(updateIDs(partial) == Array(ids[1...]))
            let afterPartial = try await relay.request(.get, relay.bot("getUpdates"))
            #expect(updateIDs(afterPartial) == Array(ids[1...]))

            // offset = last id + 1 confirms everything.
            let all = try await relay.request(.get, relay.bot("getUpdates", query: "offset=\(ids[2] + 1)"))
            #expect(updateIDs(all).isEmpty)
            let empty = try await relay.request(.get, relay.bot("getUpdates"))
            #expect(updateIDs(empty).isEmpty)

            // The next update gets a larger id, and the chat history still holds every message.
            try await relay.say("四", in: chat)
            let next = try await relay.request(.get, relay.bot("getUpdates"))
            #expect((updateIDs(next).first ?? 0) > ids[2])
            let history = try await relay.messages(in: chat)
            #expect(history.json["messages"].array?.count == 4)
        }
    }

    @Test func anOffsetBeyondTheLastUpdateStillConfirmsLaterOnes() async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            try await relay.say("a", in: chat)
            let first = try #require(try await relay.request(.get, relay.bot("getUpdates")).json["result"][0]["update_id"].int)
            // An offset far ahead confirms everything there is, and returns nothing.
            let ahead = try await relay.request(.get, relay.bot("getUpdates", query: "offset=\(first + 100)"))
            #expect(updateIDs(ahead).isEmpty)
            for text in ["b", "c", "d"] { try await relay.say(text, in: chat) }
            let ids = updateIDs(try await relay.request(.get, relay.bot("getUpdates")))
            #expect(ids.count == 3)
            // A smaller offset than before must still confirm the updates below it.
            let fromC = try await relay.request(.get, relay.bot("getUpdates", query: "offset=\(ids[1])"))
            #expect(texts(fromC) == ["c", "d"])
            #expect(texts(try await relay.request(.get, relay.bot("getUpdates"))) == ["c", "d"])
            let repeated = try await relay.request(.get, relay.bot("getUpdates", query: "offset=\(ids[1])"))
            #expect(texts(repeated) == ["c", "d"])
        }
    }

    @Test func negativeOffsetKeepsOnlyTheLastUpdates() async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            for text in ["a", "b", "c", "d"] { try await relay.say(text, in: chat) }
            let lastTwo = try await relay.request(.get, relay.bot("getUpdates", query: "offset=-2"))
            #expect(texts(lastTwo) == ["c", "d"])
            // Earlier updates were forgotten.
            let rest = try await relay.request(.get, relay.bot("getUpdates"))
            #expect(texts(rest) == ["c", "d"])
            let last = try await relay.request(.get, relay.bot("getUpdates", query: "offset=-1"))
            #expect(texts(last) == ["d"])
            let tooMany = try await relay.request(.get, relay.bot("getUpdates", query: "offset=-10"))
            #expect(texts(tooMany) == ["d"])
        }
    }

    @Test func limitCapsTheBatch() async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            for index in 0..<5 { try await relay.say("m\(index)", in: chat) }
            let two = try await relay.request(.get, relay.bot("getUpdates", query: "limit=2"))
            #expect(texts(two) == ["m0", "m1"])
            let zeroMeansDefault = try await relay.request(.get, relay.bot("getUpdates", query: "limit=0"))
            #expect(texts(zeroMeansDefault).count == 5)
        }
    }

    @Test(arguments: [
        "limit=101", "limit=-1", "limit=99999999999", "timeout=51", "timeout=-1", "timeout=1000000", "offset=abc",
        "limit=ten",
    ])
    func outOfRangeParametersAreBadRequests(query: String) async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            try await relay.say("keep me", in: chat)
            let reply = try await relay.request(.get, relay.bot("getUpdates", query: query))
            #expect(reply.status == 400)
            #expect(reply.json["ok"].bool == false)
            #expect(reply.json["error_code"].int == 400)
            #expect(reply.json["description"].string?.hasPrefix("Bad Request: ") == true)
            // Nothing was confirmed or lost.
            let stored = try await relay.request(.get, relay.bot("getUpdates"))
            #expect(texts(stored) == ["keep me"])
        }
    }
}
