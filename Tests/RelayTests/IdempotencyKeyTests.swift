import Foundation
import HTTPTypes
import Testing

@testable import Relay
import RequestDecoding

/// `sendMessage` with an `Idempotency-Key`: a repeat answers the original message and stores nothing; another chat
/// or text is 422; a repeat while the first is handled is 409; keys survive a restart; storage is bounded.
@Suite struct IdempotencyKeyTests {
    static func send(
        _ relay: RelayHarness, chatID: Int64, text: String, key: String?, replyTo: Int64? = nil
    ) async throws -> RelayHarness.Reply {
        var body: [String: Any] = ["chat_id": chatID, "text": text]
        if let replyTo { body["reply_to_message_id"] = replyTo }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        return try await relay.post(relay.bot("sendMessage"), json: json, headers: key.map { ["Idempotency-Key": $0] } ?? [:])
    }

    static func botTexts(_ relay: RelayHarness, in chat: RelayHarness.Chat) async throws -> [String] {
        let history = try await relay.messages(in: chat)
        return history.json["messages"].array?.filter { $0["from"].string == "bot" }.compactMap { $0["text"].string } ?? []
    }

    @Test func aRepeatAnswersTheOriginalMessageAndStoresNothing() async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            let question = try await relay.say("花呗冻结了", in: chat)
            let update = try await relay.request(.get, relay.bot("getUpdates"))
            let chatID = try #require(update.json["result"][0]["message"]["chat"]["id"].int)
            let first = try await Self.send(relay, chatID: chatID, text: "别急", key: "daemon-1-42", replyTo: question)
            #expect(first.status == 200)
            let second = try await Self.send(relay, chatID: chatID, text: "别急", key: "daemon-1-42", replyTo: question)
            #expect(second.status == 200)
            #expect(second.json["ok"].bool == true)
            #expect(second.json["result"]["message_id"].int == first.json["result"]["message_id"].int)
            #expect(second.json["result"]["date"].int == first.json["result"]["date"].int)
            #expect(second.json["result"]["text"].string == "别急")
            #expect(second.json["result"]["chat"]["id"].int == chatID)
            #expect(second.json["result"]["reply_to_message"]["message_id"].int == question)
            #expect(try await Self.botTexts(relay, in: chat) == ["别急"])
            #expect(try await relay.server.botAPI.context.store.idempotencyKeyCount() == 1)
        }
    }

    @Test func withoutTheHeaderEverySendIsStored() async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            let chatID = try await relay.telegramChatID(of: chat)
            for _ in 0..<2 {
                #expect(try await Self.send(relay, chatID: chatID, text: "你好", key: nil).status == 200)
            }
            #expect(try await Self.botTexts(relay, in: chat) == ["你好", "你好"])
            #expect(try await relay.server.botAPI.context.store.idempotencyKeyCount() == 0)
        }
    }

    @Test func theSameKeyWithAnotherTextOrChatIs422() async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            let chatID = try await relay.telegramChatID(of: chat)
            let other = try await relay.createChat()
            let otherID = try await relay.telegramChatID(of: other)
            #expect(try await Self.send(relay, chatID: chatID, text: "一", key: "k").status == 200)
            for (id, text) in [(chatID, "二"), (otherID, "一")] {
                let refused = try await Self.send(relay, chatID: id, text: text, key: "k")
                #expect(refused.status == 422)
                #expect(refused.json["ok"].bool == false)
                #expect(refused.json["error_code"].int == 422)
                #expect(refused.json["description"].string?.contains("Idempotency-Key") == true)
            }
            #expect(try await Self.botTexts(relay, in: chat) == ["一"])
            #expect(try await Self.botTexts(relay, in: other) == [])
        }
    }

    @Test(arguments: [String(repeating: "k", count: 129), "键", "tab\there"])
    func aKeyThatIsNotPrintableASCIIOfAtMost128IsRefused(key: String) async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            let chatID = try await relay.telegramChatID(of: chat)
            let refused = try await Self.send(relay, chatID: chatID, text: "x", key: key)
            #expect(refused.status == 400)
            #expect(refused.json["description"].string == BotAPIError.invalidIdempotencyKey.description)
            #expect(try await Self.botTexts(relay, in: chat) == [])
        }
    }

    @Test func keysOf1And128PrintableCharactersAreAccepted() {
        #expect(IdempotencyKey(header: "a") != nil)
        #expect(IdempotencyKey(header: String(repeating: "~", count: 128)) != nil)
        #expect(IdempotencyKey(header: #""8e03978e-40d5 quoted""#) != nil)
        #expect(IdempotencyKey(header: "") == nil)
    }

    @Test func aRepeatWhileTheFirstIsHandledIs409() async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            let chatID = try await relay.telegramChatID(of: chat)
            let key = try #require(IdempotencyKey(header: "in-progress"))
            // The first request is held inside the relay, between its key check and its answer.
            #expect(relay.server.botAPI.keysInProgress.begin(key))
            let busy = try await Self.send(relay, chatID: chatID, text: "x", key: key.value)
            #expect(busy.status == 409)
            #expect(busy.json["error_code"].int == 409)
            #expect(busy.json["description"].string == BotAPIError.idempotencyKeyInProgress.description)
            relay.server.botAPI.keysInProgress.end(key)
            #expect(try await Self.send(relay, chatID: chatID, text: "x", key: key.value).status == 200)
            #expect(try await Self.botTexts(relay, in: chat) == ["x"])
        }
    }

    @Test func concurrentRepeatsStoreOneMessage() async throws {
        try await RelayHarness.withRelay { relay in
            let chat = try await relay.createChat()
            let chatID = try await relay.telegramChatID(of: chat)
            let replies = try await withThrowingTaskGroup(of: RelayHarness.Reply.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await Self.send(relay, chatID: chatID, text: "一次", key: "race") }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(replies.allSatisfy { $0.status == 200 || $0.status == 409 })
            let ids = Set(replies.filter { $0.status == 200 }.compactMap { $0.json["result"]["message_id"].int })
            #expect(ids.count == 1)
            #expect(try await Self.botTexts(relay, in: chat) == ["一次"])
        }
    }

    @Test func keysSurviveARestart() async throws {
        let directory = RelayHarness.makeTemporaryDirectory()
        let (chat, chatID, messageID) = try await RelayHarness.withRelay(dataDirectory: directory) { relay in
            let chat = try await relay.createChat()
            let chatID = try await relay.telegramChatID(of: chat)
            let sent = try await Self.send(relay, chatID: chatID, text: "重启前", key: "before-restart")
            return (chat, chatID, try #require(sent.json["result"]["message_id"].int))
        }
        try await RelayHarness.withRelay(dataDirectory: directory) { relay in
            let again = try await Self.send(relay, chatID: chatID, text: "重启前", key: "before-restart")
            #expect(again.status == 200)
            #expect(again.json["result"]["message_id"].int == messageID)
            #expect(try await Self.botTexts(relay, in: chat) == ["重启前"])
            #expect(try await Self.send(relay, chatID: chatID, text: "重启后", key: "before-restart").status == 422)
        }
    }

    @Test func whenTheBoundIsReachedNewKeysWaitForTheOldestToExpire() async throws {
        try await RelayHarness.withRelay(RelayHarness.configuration { $0.maxIdempotencyKeys = 2 }) { relay in
            let chat = try await relay.createChat()
            let chatID = try await relay.telegramChatID(of: chat)
            #expect(try await Self.send(relay, chatID: chatID, text: "1", key: "a").status == 200)
            #expect(try await Self.send(relay, chatID: chatID, text: "2", key: "b").status == 200)
            let refused = try await Self.send(relay, chatID: chatID, text: "3", key: "c")
            #expect(refused.status == 429)
            let retryAfter = try #require(refused.json["parameters"]["retry_after"].int)
            #expect(retryAfter > 86_000)
            // Known keys still answer, and sends without a key are not limited by it.
            #expect(try await Self.send(relay, chatID: chatID, text: "1", key: "a").status == 200)
            #expect(try await Self.send(relay, chatID: chatID, text: "4", key: nil).status == 200)
            #expect(try await Self.botTexts(relay, in: chat) == ["1", "2", "4"])
        }
    }

    /// The store's clock is the `date` of each send, so expiry is tested without waiting.
    @Test func keysAreKeptForTheirLifetimeThenDeleted() async throws {
        let store = try RelayStore(directory: RelayHarness.makeTemporaryDirectory())
        defer { store.close() }
        let chat = try await store.createChat(publicID: "keys", tokenDigest: Array(repeating: 1, count: 32), now: 0, maxChats: 10)
        func send(_ key: String, _ text: String, at date: Int64) async throws(RelayStoreError) -> BotMessageOutcome {
            try await store.appendBotMessage(
                chatID: chat.id, text: text, date: date, replyTo: nil, maxMessagesPerChat: 1_000,
                idempotency: IdempotentSend(
                    key: key, fingerprint: IdempotencyKey.fingerprint(chatID: chat.id, text: text), lifetime: 86_400,
                    maxKeys: 1))
        }
        let first = try await send("old", "a", at: 1_000)
        #expect(!first.replayed)
        // One second before the key expires: still known, and the bound refuses a new key.
        let repeated = try await send("old", "a", at: 1_000 + 86_399)
        #expect(repeated.replayed)
        #expect(repeated.message == first.message)
        await #expect(throws: RelayStoreError.tooManyIdempotencyKeys(retryAfter: 2)) {
            try await send("new", "b", at: 1_000 + 86_399)
        }
        // Expired: deleted to make room.
        let later = try await send("new", "b", at: 1_000 + 86_401)
        #expect(!later.replayed)
        #expect(try await store.idempotencyKeyCount() == 1)
        #expect(RelayConfiguration().idempotencyKeyLifetime >= 86_400)
    }
}
