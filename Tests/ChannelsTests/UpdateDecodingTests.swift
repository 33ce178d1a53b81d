import BotConfig
import Channels
import Foundation
import HTTP
import Testing

/// `getUpdates` results are read leniently: unknown fields ignored, a bad update skipped and reported, the others
/// kept; non-text messages, edits and joins are told apart.
struct UpdateDecodingTests {
    static func batch(_ results: String) async throws -> UpdateBatch {
        let http = FakeHTTPClient(json: #"{"ok":true,"result":[\#(results)]}"#)
        return try await TelegramBotAPITests.api(http).getUpdates(offset: 0, limit: 100, timeout: 0)
    }

    static func message(_ id: Int, chat: Int = 42, _ fields: String) -> String {
        #"{"update_id":\#(id),"message":{"message_id":\#(id * 10),"from":{"id":\#(chat),"is_bot":false,"first_name":"访客"},"chat":{"id":\#(chat),"type":"private"},"date":1700000000\#(fields.isEmpty ? "" : ",")\#(fields)}}"#
    }

    @Test func aTextMessageWithUnknownFields() async throws {
        let batch = try await Self.batch(
            Self.message(7, #""text":"我的花呗怎么用不了了","entities":[],"link_preview_options":{"is_disabled":true}"#))
        #expect(batch.updates == [
            ChannelUpdate(
                updateID: 7,
                content: .text(IncomingMessage(
                        messageID: 70, chatID: 42, text: "我的花呗怎么用不了了", contentKind: "text", date: 1_700_000_000, chatType: "private")))
        ])
        #expect(batch.malformed.isEmpty)
        #expect(batch.nextOffset == 8)
    }

    @Test(arguments: ["sticker", "photo", "voice", "video", "document", "location"])
    func nonTextMessagesAskForText(_ field: String) async throws {
        let batch = try await Self.batch(Self.message(3, #""\#(field)":{"file_id":"x"}"#))
        guard case .nonText(let message) = batch.updates.first?.content else {
            Issue.record("expected a non-text message, got \(batch.updates)")
            return
        }
        #expect(message.contentKind == field)
        #expect(message.text == nil)
    }

    @Test func aCaptionIsAnsweredAsText() async throws {
        let batch = try await Self.batch(Self.message(3, #""photo":[{"file_id":"x"}],"caption":"花呗冻结了""#))
        #expect(batch.updates.first?.content == .text(IncomingMessage(
            messageID: 30, chatID: 42, text: "花呗冻结了", contentKind: "photo", date: 1_700_000_000, chatType: "private")))
    }

    @Test func editsJoinsAndOtherUpdatesNeedNoAnswer() async throws {
        let batch = try await Self.batch(
            [
                #"{"update_id":1,"edited_message":{"message_id":1,"chat":{"id":1,"type":"private"},"date":1,"text":"x"}}"#,
                Self.message(2, #""new_chat_members":[{"id":5,"is_bot":false,"first_name":"a"}]"#),
                Self.message(3, #""left_chat_member":{"id":5,"is_bot":false,"first_name":"a"}"#),
                #"{"update_id":4,"my_chat_member":{"chat":{"id":1}}}"#,
                #"{"update_id":5,"callback_query":{"id":"q"}}"#,
                #"{"update_id":6,"message":{"message_id":6,"from":{"id":9,"is_bot":true,"first_name":"b"},"chat":{"id":1,"type":"group"},"date":1,"text":"bot talk"}}"#,
            ].joined(separator: ","))
        #expect(batch.updates.map(\.content) == [
            .ignored("edited_message"), .ignored("new_chat_members"), .ignored("left_chat_member"), .ignored("my_chat_member"),
            .ignored("callback_query"), .ignored("message from a bot"),
        ])
        #expect(batch.updates.allSatisfy { $0.message == nil })
        #expect(batch.nextOffset == 7)
    }

    @Test func aBadUpdateIsSkippedAndTheOthersKept() async throws {
        let batch = try await Self.batch(
            [
                Self.message(10, #""text":"一""#),
                #"{"update_id":11,"message":{"message_id":"eleven","chat":{"id":1},"date":1,"text":"二"}}"#,
                #"{"update_id":12,"message":{"message_id":12,"date":1,"text":"三"}}"#,
                #"{"no_id":true}"#,
                #""just a string""#,
                Self.message(13, #""text":"四""#),
            ].joined(separator: ","))
        #expect(batch.updates.map(\.updateID) == [10, 13])
        #expect(batch.malformed.count == 4)
        #expect(batch.malformed[0] == MalformedUpdate(updateID: 11, reason: "message.message_id: expected an integer"))
        #expect(batch.malformed[1] == MalformedUpdate(updateID: 12, reason: "message.chat is missing"))
        #expect(batch.malformed[2].updateID == nil)
        #expect(batch.malformed[3].updateID == nil)
        // The offset moves past the bad updates too, so they are not fetched again and again.
        #expect(batch.nextOffset == 14)
    }

    @Test func malformedReasonsNeverQuoteTheMessage() async throws {
        let batch = try await Self.batch(#"{"update_id":1,"message":{"message_id":1,"chat":{"id":"13800138000"},"date":1,"text":"我的手机13800138000"}}"#)
        #expect(batch.malformed.count == 1)
        #expect(batch.malformed.first?.reason.contains("13800138000") == false)
    }
}
