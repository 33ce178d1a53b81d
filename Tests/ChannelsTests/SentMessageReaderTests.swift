import Foundation
import Testing

@testable import Channels

/// `sendMessage`'s answer is read without `JSONDecoder` only where `JSONDecoder` answers the same; every other body
/// is left to it.
@Suite struct SentMessageReaderTests {
    static let handled: [(String, Int64)] = [
        (#"{"ok":true,"result":{"message_id":42,"from":{"id":7,"is_bot":true,"first_name":"花呗助手"},"chat":{"id":-100,"type":"private"},"date":1700000000,"text":"收到 \"引号\" \u00e9 \ud83d\ude42"}}"#, 42),
        (#" { "result" : { "text" : "a\nb" , "message_id" : 9223372036854775807 } , "ok" : false } "#, 9_223_372_036_854_775_807),
        (#"{"ok":true,"result":{"message_id":-3,"entities":[{"type":"bold","offset":0,"length":2}],"x":null}}"#, -3),
        (#"{"description":"ignored","ok":true,"result":{"message_id":0}}"#, 0),
    ]

    static let unhandled = [
        #"{"ok":true,"result":{"message_id":4.0}}"#, #"{"ok":true,"result":{"message_id":4e2}}"#,
        #"{"ok":true,"ok":true,"result":{"message_id":1}}"#, #"{"ok":true,"result":{"message_id":1,"message_id":2}}"#,
        #"{"ok":true,"result":{"message_id":1},"result":{"message_id":2}}"#, #"{"result":{"message_id":1}}"#,
        #"{"ok":"true","result":{"message_id":1}}"#, #"{"ok":true,"result":{"message_id":"1"}}"#,
        #"{"ok":true,"result":null}"#, #"{"ok":true,"result":{}}"#, #"{"ok":true,"result":{"message_id":1}}x"#,
        #"{"ok":true,"result":{"message_id":9223372036854775808}}"#, #"{"ok":true,"result":{"message_id":01}}"#,
        #"{"ok":true,"result":{"message_id":1,}}"#, #"{"ok":true,"result":{"message_id":1,"text":"a\qb"}}"#, "",
        "[]", "{}", "\u{FEFF}{\"ok\":true,\"result\":{\"message_id\":1}}", #"{"ok":true,"result":{"message_id":1}"#,
    ]

    static func decoded(_ body: Data) -> Int64? {
        try? JSONDecoder().decode(TelegramEnvelope.Success<TelegramEnvelope.SentMessage>.self, from: body).result.messageID
    }

    @Test(arguments: handled) func handledLikeJSONDecoder(_ body: String, _ messageID: Int64) {
        #expect(SentMessageReader.messageID(in: Data(body.utf8)) == messageID)
        #expect(Self.decoded(Data(body.utf8)) == messageID)
    }

    @Test(arguments: unhandled) func unhandledIsLeftToJSONDecoder(_ body: String) {
        #expect(SentMessageReader.messageID(in: Data(body.utf8)) == nil)
    }

    @Test func invalidUTF8IsLeftToJSONDecoder() {
        let body = Data(#"{"ok":true,"result":{"message_id":1,"text":""#.utf8) + Data([0xFF]) + Data(#""}}"#.utf8)
        #expect(SentMessageReader.messageID(in: body) == nil)
    }

    /// Every answer built from these parts (up to three members of `result`, in every order, inside each of the
    /// envelopes below), some with members the reader leaves to JSONDecoder: whenever the reader answers, JSONDecoder
    /// answers the same; and it answers the ordinary ones.
    @Test func agreesWithJSONDecoderOnEveryCombination() {
        let resultMembers = [
            #""message_id":5"#, #""message_id":123456789012"#, #""message_id":-1"#, #""message_id":2.5"#,
            #""text":"收到\n\"好\"""#, #""chat":{"id":1,"type":"private"}"#, #""date":1700000000"#, #""x":[1,{"y":null}]"#,
            #""message_id":"7""#,
        ]
        var results: [[String]] = [[]]
        var longest: [[String]] = [[]]
        for _ in 1...3 {
            longest = longest.flatMap { prefix in resultMembers.map { prefix + [$0] } }
            results += longest
        }
        // RESULT stands for the result object; the envelopes vary the other members, their order and the spacing.
        let envelopes = [
            #"{"ok":true,"result":RESULT}"#, #" {"result" : RESULT , "ok":false}"#,
            "{\n\"description\":\"d\",\"ok\":true,\"result\":RESULT}", #"{"ok":1,"result":RESULT}"#, #"{"result":RESULT}"#,
        ]
        var answered = 0
        for (index, result) in results.enumerated() {
            let object = (index % 2 == 0 ? "{" : "{ ") + result.joined(separator: index % 3 == 0 ? "," : " , ") + "}"
            for envelope in envelopes {
                let body = Data(envelope.replacingOccurrences(of: "RESULT", with: object).utf8)
                guard let fast = SentMessageReader.messageID(in: body) else { continue }
                answered += 1
                #expect(fast == Self.decoded(body), "\(String(decoding: body, as: UTF8.self))")
            }
        }
        // Answered: exactly one message_id, an integer one (3 of them), beside 0–2 of the 4 members that are not a
        // message_id (3 + 2·3·4 + 3·3·4² = 171 results), in the 3 envelopes whose `ok` is a boolean.
        #expect(answered == 171 * 3)
    }
}
