import Foundation
import Testing

@testable import Channels

/// `getUpdates`' answer is read without `JSONDecoder` only where the decoding reader gives the same batch; every
/// other body is left to it.
@Suite struct UpdateBatchScannerTests {
    /// The relay's own shape (members in sorted order, `message` before `update_id`), out of `update_id` order.
    static let relayBody = #"""
        {"ok":true,"result":[{"message":{"chat":{"first_name":"访客","id":42,"type":"private"},"date":1700000000,\#
        "from":{"first_name":"访客","id":42,"is_bot":false},"message_id":9,"text":"我的花呗怎么用不了了"},"update_id":12},\#
        {"message":{"chat":{"id":43,"type":"private"},"date":1700000001,"from":{"first_name":"访客","id":43,"is_bot":false},\#
        "message_id":3,"reply_to_message":{"chat":{"id":43,"type":"private"},"date":1700000000,\#
        "from":{"first_name":"花呗助手","id":4242,"is_bot":true},"message_id":2,"text":"是否逾期？"},"text":"是的"},"update_id":11}]}
        """#

    static let handled = [
        relayBody,
        #"{"ok":true,"result":[]}"#,
        #" { "result" : [ ] , "ok" : false , "description" : "ignored" } "#,
        #"{"ok":true,"result":[{"update_id":1,"message":{"message_id":1,"chat":{"id":-100,"type":"group"},"new_chat_title":"x","text":"t"}}]}"#,
        #"{"ok":true,"result":[{"update_id":1,"message":{"message_id":1,"chat":{"id":5},"photo":[{"file_id":"a"}],"caption":" 看图 "}}]}"#,
        #"{"ok":true,"result":[{"update_id":1,"message":{"message_id":1,"chat":{"id":5,"type":null},"sticker":{},"caption":"  "}}]}"#,
        #"{"ok":true,"result":[{"update_id":1,"message":{"message_id":1,"chat":{"id":5},"from":{"is_bot":true},"text":"bot"}}]}"#,
        #"{"ok":true,"result":[{"update_id":1,"message":{"message_id":1,"chat":{"id":5},"date":null,"text":"a\nb\"c\\"}}]}"#,
        #"{"ok":true,"result":[{"update_id":1,"message":{"message_id":1,"chat":{"id":5},"reply_to_message":{"from":{"id":"x"}}}}]}"#,
    ]

    static let unhandled = [
        // An update without a message, and one that is not an object.
        #"{"ok":true,"result":[{"update_id":1,"edited_message":{"message_id":1,"chat":{"id":5}}}]}"#,
        #"{"ok":true,"result":[7]}"#,
        // Missing or mistyped fields the decoder reports as malformed, or reads from a fraction.
        #"{"ok":true,"result":[{"message":{"message_id":1,"chat":{"id":5}}}]}"#,
        #"{"ok":true,"result":[{"update_id":1.0,"message":{"message_id":1,"chat":{"id":5}}}]}"#,
        #"{"ok":true,"result":[{"update_id":1,"message":{"message_id":1,"chat":{"id":"5"}}}]}"#,
        #"{"ok":true,"result":[{"update_id":1,"message":{"message_id":1,"chat":{"id":5},"text":5}}]}"#,
        #"{"ok":true,"result":[{"update_id":1,"message":{"message_id":1,"chat":{"id":5},"from":null}}]}"#,
        #"{"ok":true,"result":[{"update_id":1,"message":{"message_id":1,"chat":{"id":5},"from":{"is_bot":1}}}]}"#,
        #"{"ok":true,"result":[{"update_id":1,"message":{"message_id":1,"chat":{"id":5},"date":"today"}}]}"#,
        #"{"ok":true,"result":[{"update_id":1,"message":{"message_id":1,"chat":{"id":5},"reply_to_message":{"from":{"id":9.0}}}}]}"#,
        // Repeated keys, `\u` escapes, and envelopes the decoder refuses.
        #"{"ok":true,"result":[{"update_id":1,"update_id":2,"message":{"message_id":1,"chat":{"id":5}}}]}"#,
        #"{"ok":true,"result":[{"update_id":1,"message":{"message_id":1,"chat":{"id":5},"text":"a","text":"b"}}]}"#,
        #"{"ok":true,"result":[{"update_id":1,"message":{"message_id":1,"chat":{"id":5},"text":"\u82b1"}}]}"#,
        #"{"ok":true,"result":[{"update_id":1,"message":{"message_id":1,"chat":{"id":5},"text":"\ud800"}}]}"#,
        #"{"result":[]}"#, #"{"ok":"true","result":[]}"#, #"{"ok":true,"result":{}}"#, #"{"ok":true,"result":[]}x"#,
        #"{"ok":true,"result":[],}"#, "", "[]", "\u{FEFF}{\"ok\":true,\"result\":[]}",
    ]

    @Test(arguments: handled) func handledLikeTheDecoder(_ body: String) throws {
        let fast = try #require(UpdateBatchScanner.batch(in: Data(body.utf8)))
        #expect(fast == (try TelegramUpdateReader.decode(Data(body.utf8))))
    }

    @Test func theRelaysShapeIsReadInUpdateOrder() throws {
        let batch = try #require(UpdateBatchScanner.batch(in: Data(Self.relayBody.utf8)))
        #expect(batch.updates.map(\.updateID) == [11, 12])
        #expect(batch.updates.first?.message == IncomingMessage(
            messageID: 3, chatID: 43, text: "是的", contentKind: "text", date: 1_700_000_001, chatType: "private",
            replyToUserID: 4242))
    }

    @Test(arguments: unhandled) func unhandledIsLeftToTheDecoder(_ body: String) {
        #expect(UpdateBatchScanner.batch(in: Data(body.utf8)) == nil)
    }

    @Test func invalidUTF8IsLeftToTheDecoder() {
        var body = Data(#"{"ok":true,"result":[{"update_id":1,"message":{"message_id":1,"chat":{"id":5},"text":"x"}}]}"#.utf8)
        body[body.count - 6] = 0xFF
        #expect(UpdateBatchScanner.batch(in: body) == nil)
    }

    /// Every combination of a message's parts, each in forms the scanner reads and forms it leaves to the decoder.
    /// Where it answers, it answers what the decoder does; it answers exactly when every part is in a readable
    /// form: text 3 of 4, from 3 of 5, chat 3 of 4, date 3 of 4, the extra member 5 of 5, the reply 4 of 5.
    @Test func everyCombinationOfPartsAgreesWithTheDecoder() throws {
        let texts = [nil, #""text":"花呗""#, #""text":null"#, #""text":5"#]
        let froms = [nil, #""from":{"id":1,"is_bot":false}"#, #""from":{"is_bot":true}"#, #""from":null"#, #""from":{"is_bot":"x"}"#]
        let chats = [#""chat":{"id":7,"type":"private"}"#, #""chat":{"id":7}"#, #""chat":{"id":7,"type":3}"#, #""chat":{"id":"7"}"#]
        let dates = [nil, #""date":1700000000"#, #""date":null"#, #""date":1.5"#]
        let extras = [nil, #""sticker":{}"#, #""new_chat_title":"x""#, #""caption":"  ""#, #""caption":"看图""#]
        let replies = [
            nil, #""reply_to_message":{"from":{"id":9}}"#, #""reply_to_message":{"from":{"id":"9"}}"#,
            #""reply_to_message":null"#, #""reply_to_message":{"from":{"id":9.5}}"#,
        ]
        var answered = 0
        var combinations = 0
        for text in texts {
            for from in froms {
                for chat in chats {
                    for date in dates {
                        for extra in extras {
                            for reply in replies {
                                combinations += 1
                                let members = [#""message_id":3"#, text, from, chat, date, extra, reply].compactMap { $0 }
                                let body = Data(
                                    #"{"ok":true,"result":[{"update_id":1,"message":{\#(members.joined(separator: ","))}}]}"#.utf8)
                                guard let fast = UpdateBatchScanner.batch(in: body) else { continue }
                                answered += 1
                                #expect(fast == (try TelegramUpdateReader.decode(body)), "\(String(decoding: body, as: UTF8.self))")
                            }
                        }
                    }
                }
            }
        }
        #expect(combinations == 4 * 5 * 4 * 4 * 5 * 5)
        #expect(answered == 3 * 3 * 3 * 3 * 5 * 4)
    }
}
