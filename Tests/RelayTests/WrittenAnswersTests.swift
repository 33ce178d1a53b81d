import Foundation
import JSONWriting
import Testing

@testable import Relay

/// The hand-written JSON of the hot answers gives the same bytes as the relay's `JSONEncoder` (sorted keys,
/// slashes not escaped), for awkward text too.
@Suite struct WrittenAnswersTests {
    static let awkwardTexts = [
        "", "plain", "我的花呗被冻结了", "quote \" backslash \\ slash / end", "line\nbreak\r\ttab",
        "controls \u{0}\u{1}\u{8}\u{C}\u{1F}\u{7F}", "emoji 👍🏽 and \u{2028}\u{2029}", "<script>&amp;</script>",
    ]

    static func encoded(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    static func written(_ value: some JSONWritable) -> [UInt8] {
        var writer = JSONWriter()
        value.write(to: &writer)
        return writer.bytes
    }

    @Test(arguments: awkwardTexts) func updatesMatchTheEncoder(text: String) throws {
        let me = Telegram.User(
            id: 42, isBot: true, firstName: "HuabeiBot", username: "huabei_bot", canJoinGroups: false,
            canReadAllGroupMessages: false, supportsInlineQueries: false)
        let visitor = Telegram.User(id: 1_234_567_890, isBot: false, firstName: "访客", languageCode: "zh-hans")
        let chat = Telegram.Chat(id: 1_234_567_890, type: "private", firstName: "访客")
        let message = Telegram.Message(messageID: 7, from: visitor, chat: chat, date: 1_800_000_000, text: text)
        var reply = Telegram.Message(messageID: 8, from: me, chat: chat, date: -1, text: text)
        reply.replyToMessage = Telegram.RepliedMessage(
            messageID: 7, from: visitor, chat: chat, date: 1_800_000_000, text: text)
        let updates = [Telegram.Update(updateID: 1, message: message), Telegram.Update(updateID: 2, message: message)]

        #expect(Self.written(Telegram.Success(result: updates)) == (try Self.encoded(Telegram.Success(result: updates))))
        let none: [Telegram.Update] = []
        #expect(Self.written(Telegram.Success(result: none)) == (try Self.encoded(Telegram.Success(result: none))))
        #expect(Self.written(Telegram.Success(result: reply)) == (try Self.encoded(Telegram.Success(result: reply))))
        #expect(Self.written(Telegram.Success(result: true)) == (try Self.encoded(Telegram.Success(result: true))))
    }

    @Test(arguments: awkwardTexts) func chatMessagesMatchTheEncoder(text: String) throws {
        let messages = People.Messages(messages: [
            People.Message(id: 1, from: .user, text: text, time: 1_800_000_000),
            People.Message(id: Int64.max, from: .bot, text: text, time: 0),
        ])
        #expect(Self.written(messages) == (try Self.encoded(messages)))
        let empty = People.Messages(messages: [])
        #expect(Self.written(empty) == (try Self.encoded(empty)))
        let created = People.CreatedMessage(id: Int64.min)
        #expect(Self.written(created) == (try Self.encoded(created)))
    }
}
