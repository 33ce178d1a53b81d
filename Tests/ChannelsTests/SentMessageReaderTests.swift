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

    /// Generated answers, some with members the reader leaves to JSONDecoder: whenever the reader answers,
    /// JSONDecoder answers the same; and it answers the ordinary ones.
    @Test func agreesWithJSONDecoderOnGeneratedBodies() {
        let resultMembers = [
            #""message_id":5"#, #""message_id":123456789012"#, #""message_id":-1"#, #""message_id":2.5"#,
            #""text":"收到\n\"好\"""#, #""chat":{"id":1,"type":"private"}"#, #""date":1700000000"#, #""x":[1,{"y":null}]"#,
            #""message_id":"7""#,
        ]
        let topMembers = [#""ok":true"#, #""ok":false"#, #""description":"d""#, #""ok":1"#]
        let spaces = ["", " ", "\n"]
        var generator = SeededGenerator(seed: 12)
        var answered = 0
        for _ in 0..<3_000 {
            let result = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                resultMembers.randomElement(using: &generator)!
            }
            var members = (0..<Int.random(in: 0...2, using: &generator)).map { _ in topMembers.randomElement(using: &generator)! }
            members.insert(
                #""result":"# + spaces.randomElement(using: &generator)! + "{" + result.joined(separator: ",") + "}",
                at: Int.random(in: 0...members.count, using: &generator))
            let body = Data((spaces.randomElement(using: &generator)! + "{" + members.joined(separator: ",") + "}").utf8)
            guard let fast = SentMessageReader.messageID(in: body) else { continue }
            answered += 1
            #expect(fast == Self.decoded(body), "\(String(decoding: body, as: UTF8.self))")
        }
        #expect(answered > 100)  // 151 of the 3,000 with this seed
    }
}

/// SplitMix64: the same sequence on every run, so the generated bodies are the same every time.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
