import Testing

@testable import Relay

/// The in-memory latest messages answer only what they hold completely; anything else goes to the store.
@Suite struct RecentMessagesTests {
    static func message(_ id: Int64, chat: Int64, text: String = "hi") -> StoredMessage {
        StoredMessage(id: id, chatID: chat, sender: .user, text: text, date: 0, replyTo: nil)
    }

    @Test func answersAboveTheStartFloorAndDefersBelowIt() {
        let recent = RecentMessages(floor: 10)
        #expect(recent.messages(chatID: 1, after: 10, limit: 100) == [])
        #expect(recent.messages(chatID: 1, after: 9, limit: 100) == nil)
        recent.record(Self.message(11, chat: 1))
        recent.record(Self.message(12, chat: 2))
        recent.record(Self.message(13, chat: 1))
        #expect(recent.messages(chatID: 1, after: 10, limit: 100)?.map(\.id) == [11, 13])
        #expect(recent.messages(chatID: 1, after: 11, limit: 100)?.map(\.id) == [13])
        #expect(recent.messages(chatID: 1, after: 10, limit: 1)?.map(\.id) == [11])
        #expect(recent.messages(chatID: 2, after: 13, limit: 100) == [])
        #expect(recent.messages(chatID: 1, after: 5, limit: 100) == nil)
    }

    @Test func aTrimmedChatDefersOlderQuestions() {
        let recent = RecentMessages(floor: 0, perChat: 2)
        for id in Int64(1)...4 { recent.record(Self.message(id, chat: 7)) }
        #expect(recent.messages(chatID: 7, after: 2, limit: 100)?.map(\.id) == [3, 4])
        #expect(recent.messages(chatID: 7, after: 1, limit: 100) == nil)
    }

    @Test func startingOverRaisesTheFloorForEveryChat() {
        let recent = RecentMessages(floor: 0, maxChats: 2)
        recent.record(Self.message(1, chat: 1))
        recent.record(Self.message(2, chat: 2))
        recent.record(Self.message(3, chat: 3))  // a third chat: the cache starts over at floor 2
        #expect(recent.messages(chatID: 1, after: 0, limit: 100) == nil)
        #expect(recent.messages(chatID: 1, after: 2, limit: 100) == [])
        #expect(recent.messages(chatID: 3, after: 2, limit: 100)?.map(\.id) == [3])
        #expect(recent.messages(chatID: 3, after: 1, limit: 100) == nil)
    }

    @Test func tooMuchTextStartsOver() {
        let recent = RecentMessages(floor: 0, maxTextBytes: 8)
        recent.record(Self.message(1, chat: 1, text: "123456789"))
        recent.record(Self.message(2, chat: 1, text: "x"))
        #expect(recent.messages(chatID: 1, after: 0, limit: 100) == nil)
        #expect(recent.messages(chatID: 1, after: 1, limit: 100)?.map(\.id) == [2])
    }
}
