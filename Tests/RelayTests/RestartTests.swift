import Foundation
import HTTPTypes
import Testing

@testable import Relay

/// Nothing is lost across a restart: pending updates, chat history, chat tokens and update numbering.
@Suite struct RestartTests {
    @Test func pendingMessagesSurviveARestart() async throws {
        let directory = RelayHarness.makeTemporaryDirectory()
        let (chat, firstUpdate) = try await RelayHarness.withRelay(dataDirectory: directory) { relay in
            let chat = try await relay.createChat()
            try await relay.say("重启前一", in: chat)
            try await relay.say("重启前二", in: chat)
            // The bot saw the first, but did not confirm it yet.
            let seen = try await relay.request(.get, relay.bot("getUpdates", query: "limit=1"))
            let firstUpdate = try #require(seen.json["result"][0]["update_id"].int)
            let chatID = try #require(seen.json["result"][0]["message"]["chat"]["id"].int)
            // A reply waiting for the browser.
            let sent = try await relay.post(relay.bot("sendMessage"), json: #"{"chat_id":\#(chatID),"text":"请稍等"}"#)
            #expect(sent.status == 200)
            return (chat, firstUpdate)
        }

        try await RelayHarness.withRelay(dataDirectory: directory) { relay in
            // Both unconfirmed updates are still queued, with the same ids.
            let updates = try await relay.request(.get, relay.bot("getUpdates"))
            let texts = updates.json["result"].array?.compactMap { $0["message"]["text"].string }
            #expect(texts == ["重启前一", "重启前二"])
            #expect(updates.json["result"][0]["update_id"].int == firstUpdate)

            // The browser's token still works and the whole history is there.
            let history = try await relay.messages(in: chat)
            #expect(history.status == 200)
            let all = history.json["messages"].array?.compactMap { $0["text"].string }
            #expect(all == ["重启前一", "重启前二", "请稍等"])

            // Confirming after the restart works, and new updates continue the numbering.
            _ = try await relay.request(.get, relay.bot("getUpdates", query: "offset=\(firstUpdate + 2)"))
            try await relay.say("重启后", in: chat)
            let next = try await relay.request(.get, relay.bot("getUpdates"))
            #expect(next.json["result"].array?.count == 1)
            #expect((next.json["result"][0]["update_id"].int ?? 0) > firstUpdate + 1)
        }
    }

    @Test func theDatabaseIsWALUnderTheDataDirectory() async throws {
        let directory = RelayHarness.makeTemporaryDirectory()
        try await RelayHarness.withRelay(dataDirectory: directory) { relay in
            try await relay.say("x", in: try await relay.createChat())
            #expect(FileManager.default.fileExists(atPath: directory + "/relay.sqlite"))
            #expect(FileManager.default.fileExists(atPath: directory + "/relay.sqlite-wal"))
        }
    }
}
