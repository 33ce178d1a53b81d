import Foundation
import HTTPTypes
import Testing

@testable import Relay

/// `setMyCommands`, `getMyCommands` and `deleteMyCommands` as Telegram answers them.
@Suite struct BotCommandsTests {
    static let commands = #"[{"command":"start","description":"开始使用"},{"command":"help","description":"帮助：我能解答哪些问题"},{"command":"reset","description":"清空之前的对话"}]"#

    @Test func setThenGetReturnsTheCommandsInOrder() async throws {
        try await RelayHarness.withRelay { relay in
            let set = try await relay.post(relay.bot("setMyCommands"), json: #"{"commands":\#(Self.commands)}"#)
            #expect(set.status == 200)
            #expect(set.json["ok"].bool == true && set.json["result"].bool == true)
            let got = try await relay.request(.get, relay.bot("getMyCommands"))
            #expect(got.status == 200)
            let result = got.json["result"]
            #expect((0..<3).map { result[$0]["command"].string } == ["start", "help", "reset"])
            #expect(result[1]["description"].string == "帮助：我能解答哪些问题")
            #expect(result[3] == .null)
        }
    }

    @Test func commandsAsJSONTextInAFormAndPerLanguageAndScope() async throws {
        try await RelayHarness.withRelay { relay in
            let form = "commands=" + Self.commands.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! + "&language_code=zh"
            let set = try await relay.request(
                .post, relay.bot("SETMYCOMMANDS"), headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array(form.utf8))
            #expect(set.json["result"].bool == true)
            // Another language and the default list are separate lists, as on Telegram.
            #expect(try await relay.request(.get, relay.bot("getMyCommands")).json["result"] == .array([]))
            #expect(try await relay.request(.get, relay.bot("getMyCommands", query: "language_code=zh")).json["result"][2]["command"].string == "reset")
            let scoped = try await relay.post(
                relay.bot("setMyCommands"), json: #"{"commands":[{"command":"help","description":"群里的帮助"}],"scope":{"type":"all_group_chats"}}"#)
            #expect(scoped.json["ok"].bool == true)
            let group = try await relay.post(relay.bot("getMyCommands"), json: #"{"scope":{"type":"all_group_chats"}}"#)
            #expect(group.json["result"][0]["description"].string == "群里的帮助")
            // deleteMyCommands empties one list.
            #expect(try await relay.post(relay.bot("deleteMyCommands"), json: #"{"language_code":"zh"}"#).json["result"].bool == true)
            #expect(try await relay.request(.get, relay.bot("getMyCommands", query: "language_code=zh")).json["result"] == .array([]))
        }
    }

    @Test(arguments: [
        (#"[{"command":"Start","description":"x"}]"#, "Bad Request: BOT_COMMAND_INVALID"),
        (#"[{"command":"开始","description":"x"}]"#, "Bad Request: BOT_COMMAND_INVALID"),
        (#"[{"command":"","description":"x"}]"#, "Bad Request: BOT_COMMAND_INVALID"),
        (#"[{"command":"start","description":" "}]"#, "Bad Request: command description must be non-empty"),
        (#"[{"command":"start"}]"#, #"Bad Request: can't parse BotCommand: Can't find field "description""#),
        (#"{"command":"start"}"#, "Bad Request: can't parse commands JSON object"),
    ])
    func invalidCommandsAreRefused(commands: String, description: String) async throws {
        try await RelayHarness.withRelay { relay in
            let reply = try await relay.post(relay.bot("setMyCommands"), json: #"{"commands":\#(commands)}"#)
            #expect(reply.status == 400)
            #expect(reply.json["ok"].bool == false)
            #expect(reply.json["description"].string == description)
            // A refused call changes nothing.
            #expect(try await relay.request(.get, relay.bot("getMyCommands")).json["result"] == .array([]))
        }
    }

    @Test func aDescriptionOverTelegramsLimitIsRefused() async throws {
        try await RelayHarness.withRelay { relay in
            let long = String(repeating: "长", count: 257)
            let reply = try await relay.post(relay.bot("setMyCommands"), json: #"{"commands":[{"command":"start","description":"\#(long)"}]}"#)
            #expect(reply.status == 400)
        }
    }
}
