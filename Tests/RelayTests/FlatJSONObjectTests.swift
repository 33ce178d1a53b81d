import Foundation
import Testing

@testable import RequestDecoding

/// The hand-written parser of flat JSON bodies answers exactly what `JSONDecoder` answers, or leaves the body to it.
@Suite struct FlatJSONObjectTests {
    static let handled = [
        #"{"text":"ping 1"}"#,
        #"{"chat_id":123456789012,"text":"收到","reply_to_message_id":42}"#,
        #" { "a" : true , "b":false,"c":null,"d":"","e":-7 } "#,
        "{}", " {\t}\r\n",
        #"{"text":"line\nnext \"quoted\" back\\slash \/ \t\b\f\r"}"#,
        #"{"max":9223372036854775807,"min":-9223372036854775808,"zero":0}"#,
        #"{"emoji":"🙂 花呗"}"#,
    ]

    static let unhandled = [
        #"{"a":1.5}"#, #"{"a":1e3}"#, #"{"a":1E3}"#, #"{"a":-0}"#, #"{"a":01}"#, #"{"a":9223372036854775808}"#,
        #"{"a":-9223372036854775809}"#, #"{"a":{"b":1}}"#, #"{"a":[1]}"#, #"{"a":"\u00e9"}"#, #"{"a":1,"a":2}"#,
        #"{"a":"x\qy"}"#, "{\"a\":\"tab\there\"}", #"{"a":tru}"#, #"{"a":true"#, #"{"a":1}x"#, #"{"a" 1}"#, #"{,}"#,
        #"{"a":1,}"#, "[1]", "", "\u{FEFF}{}", #"{"a":+1}"#, #"{"a":-}"#, #"{'a':1}"#, #"{"a":"\"#,
    ]

    static func decoded(_ text: String) -> [String: ParameterValue]? {
        try? JSONDecoder().decode([String: ParameterValue].self, from: Data(text.utf8))
    }

    @Test(arguments: handled) func handledLikeJSONDecoder(_ text: String) throws {
        let fast = try #require(FlatJSONObject.parse(Array(text.utf8)))
        #expect(fast == Self.decoded(text))
    }

    @Test(arguments: unhandled) func unhandledIsLeftToJSONDecoder(_ text: String) {
        #expect(FlatJSONObject.parse(Array(text.utf8)) == nil)
    }

    @Test func invalidUTF8InAStringIsLeftToJSONDecoder() {
        let body: [UInt8] = Array(#"{"text":""#.utf8) + [0xFF] + Array(#""}"#.utf8)
        #expect(FlatJSONObject.parse(body) == nil)
        #expect(throws: RequestParameters.Failure.invalidUTF8) { try RequestParameters.jsonObject(body) }
    }

    /// Generated objects of a few members, some with values the parser leaves to JSONDecoder: whenever the parser
    /// answers, JSONDecoder answers the same.
    @Test func agreesWithJSONDecoderOnGeneratedBodies() {
        let names = [#""a""#, #""b""#, #""text""#, #""花""#]
        let values = [
            "1", "-2", "0", "123456789012", "true", "false", "null", #""x\ny""#, #""""#, #""收到""#, "3.5", "[]", "{}",
        ]
        let spaces = ["", " ", "\n", "\t "]
        var generator = SystemRandomNumberGenerator()
        var answered = 0
        for _ in 0..<2_000 {
            let members = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                names.randomElement(using: &generator)! + spaces.randomElement(using: &generator)! + ":"
                    + spaces.randomElement(using: &generator)! + values.randomElement(using: &generator)!
            }
            let text = spaces.randomElement(using: &generator)! + "{" + members.joined(separator: ",") + "}"
            guard let fast = FlatJSONObject.parse(Array(text.utf8)) else { continue }
            answered += 1
            #expect(fast == Self.decoded(text), "\(text)")
        }
        #expect(answered > 100)
    }
}
