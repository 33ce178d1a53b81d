import Channels
import Foundation
import Testing

/// The group rule on `getUpdates` answers as Telegram sends them: in groups and supergroups only a command, a reply
/// to the bot or a mention of its @username is answered; private chats as before.
struct GroupAddressingTests {
    static let bot = BotIdentity(id: 555_000_111, username: "huabei_bot", firstName: "HuabeiBot")

    /// A recorded Telegram message update in chat `chat` of `type`, with `fields` added to the message.
    static func update(_ id: Int, type: String, chat: Int = -1_001_234_567_890, _ fields: String) -> String {
        #"{"update_id":\#(id),"message":{"message_id":\#(id),"from":{"id":42,"is_bot":false,"first_name":"小王","language_code":"zh-hans"},"chat":{"id":\#(chat),"title":"花呗互助群","type":"\#(type)"},"date":1765000000,\#(fields)}}"#
    }

    static let replyToBot =
        #""reply_to_message":{"message_id":7,"from":{"id":555000111,"is_bot":true,"first_name":"HuabeiBot","username":"huabei_bot"},"chat":{"id":-1001234567890,"type":"supergroup"},"date":1764999990,"text":"最近有没有逾期？"}"#
    static let replyToPerson =
        #""reply_to_message":{"message_id":8,"from":{"id":43,"is_bot":false,"first_name":"小李"},"chat":{"id":-1001234567890,"type":"supergroup"},"date":1764999990,"text":"我也是"}"#

    static func addressed(_ results: [String]) async throws -> [ChannelUpdate] {
        try await UpdateDecodingTests.batch(results.joined(separator: ",")).addressed(to: bot).updates
    }

    @Test func groupMessagesAreAnsweredOnlyWhenAddressedToTheBot() async throws {
        let updates = try await Self.addressed([
            Self.update(1, type: "supergroup", #""text":"我的花呗也被冻结了""#),
            Self.update(2, type: "supergroup", #""text":"/start","entities":[{"offset":0,"length":6,"type":"bot_command"}]"#),
            Self.update(3, type: "group", #""text":"/help@huabei_bot","entities":[{"offset":0,"length":16,"type":"bot_command"}]"#),
            Self.update(4, type: "group", #""text":"/start@other_bot","entities":[{"offset":0,"length":16,"type":"bot_command"}]"#),
            Self.update(5, type: "supergroup", #""text":"没有逾期",\#(Self.replyToBot)"#),
            Self.update(6, type: "supergroup", #""text":"真的吗",\#(Self.replyToPerson)"#),
            Self.update(7, type: "supergroup", #""text":"@huabei_bot 花呗冻结了怎么办","entities":[{"offset":0,"length":11,"type":"mention"}]"#),
            Self.update(8, type: "group", #""text":"问问 @Huabei_Bot：多久能恢复？","entities":[{"offset":3,"length":11,"type":"mention"}]"#),
            Self.update(9, type: "group", #""text":"@huabei_bot2 你好","entities":[{"offset":0,"length":12,"type":"mention"}]"#),
            Self.update(10, type: "supergroup", #""sticker":{"file_id":"s"},\#(Self.replyToBot)"#),
            Self.update(11, type: "supergroup", #""sticker":{"file_id":"s"}"#),
        ])
        let answered = updates.compactMap { update in update.message.map { (update.updateID, $0.text) } }
        #expect(answered.map(\.0) == [2, 3, 5, 7, 8, 10])
        #expect(answered.map(\.1) == ["/start", "/help@huabei_bot", "没有逾期", "花呗冻结了怎么办", "问问 ：多久能恢复？", nil])
        #expect(updates.filter { $0.message == nil }.allSatisfy { $0.content == .ignored(ChannelUpdate.notAddressed) })
        // Every update is still confirmed by the next offset.
        #expect(updates.map(\.updateID) == Array(1...11))
    }

    @Test func privateChatsAreAnsweredAsBefore() async throws {
        let updates = try await Self.addressed([
            Self.update(1, type: "private", chat: 42, #""text":"我的花呗也被冻结了""#),
            Self.update(2, type: "private", chat: 42, #""text":"@huabei_bot 你好""#),
            Self.update(3, type: "private", chat: 42, #""sticker":{"file_id":"s"}"#),
        ])
        #expect(updates.map { $0.message?.text } == ["我的花呗也被冻结了", "@huabei_bot 你好", nil])
        #expect(updates.allSatisfy { $0.message?.chatType == "private" })
    }

    @Test func theReplyTargetAndChatTypeAreRead() async throws {
        let batch = try await UpdateDecodingTests.batch(Self.update(5, type: "supergroup", #""text":"没有",\#(Self.replyToBot)"#))
        let message = try #require(batch.updates.first?.message)
        #expect(message.chatType == "supergroup")
        #expect(message.isGroupChat)
        #expect(message.replyToUserID == 555_000_111)
    }

    @Test func setMyCommandsPostsTheCommandsWithTheirDescriptions() async throws {
        let http = FakeHTTPClient(json: #"{"ok":true,"result":true}"#)
        try await TelegramBotAPITests.api(http).setMyCommands([
            BotCommandDescription(command: "start", description: "开始使用"), BotCommandDescription(command: "help", description: "帮助"),
        ])
        let call = try #require(http.calls.first)
        #expect(call.method == "setMyCommands")
        let commands = try #require(call.parameters["commands"] as? [[String: String]])
        #expect(commands == [["command": "start", "description": "开始使用"], ["command": "help", "description": "帮助"]])
        #expect(call.timeout == .seconds(7))
    }

    @Test func setMyCommandsReportsARefusal() async throws {
        let http = FakeHTTPClient(status: 400, json: #"{"ok":false,"error_code":400,"description":"Bad Request: BOT_COMMAND_INVALID"}"#)
        await #expect(throws: ChannelError(.refused, method: "setMyCommands", status: 400, detail: "Bad Request: BOT_COMMAND_INVALID")) {
            try await TelegramBotAPITests.api(http).setMyCommands([BotCommandDescription(command: "Start", description: "x")])
        }
    }
}
