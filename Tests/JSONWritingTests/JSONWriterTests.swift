import Foundation
import JSONWriting
import Testing

/// The writer gives the bytes `JSONEncoder` gives (`.sortedKeys`, `.withoutEscapingSlashes`) for strings,
/// integers, doubles and nesting, and JSON that reads back for awkward input.
@Suite struct JSONWriterTests {
    static let awkwardTexts = [
        "", "plain", "我的花呗被冻结了", "quote \" backslash \\ slash / end", "line\nbreak\r\ttab",
        "controls \u{0}\u{1}\u{8}\u{C}\u{1F}\u{7F}", "emoji 👍🏽 and \u{2028}\u{2029}", "<script>&amp;</script>",
        "\\\"\\\"", "\"", "\\", "ends with a control \u{1B}", "\u{FFFD}é̃", String(repeating: "长\"", count: 500),
    ]

    static let numbers: [Double] = [
        0, -0.0, 1, -1, 0.1, 0.5, 1.0 / 3, 2.0 / 3, 0.87654321, 1e-7, 1e-5, 1e-4, 0.001, 123.456, 100, 1e15, 2.5e15,
        1e16, 1e17, 9_007_199_254_740_992, 1.2345678901234568e20, 1.5e300, 1e-300, .leastNonzeroMagnitude,
        .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .pi, -.ulpOfOne,
    ]

    static func encoded(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    static func written(_ value: some JSONWritable) -> [UInt8] {
        var writer = JSONWriter()
        writer.value(value)
        return writer.bytes
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test(arguments: awkwardTexts) func stringsMatchTheEncoderAndDecodeBack(text: String) throws {
        #expect(Self.written(text) == (try Self.encoded(text)))
        #expect(try JSONDecoder().decode(String.self, from: Data(Self.written(text))) == text)
    }

    @Test func everyControlCharacterIsEscaped() throws {
        for scalar in (0..<0x20).compactMap(Unicode.Scalar.init) {
            let text = "a\(Character(scalar))b"
            let bytes = Self.written(text)
            #expect(!bytes.contains { $0 < 0x20 }, "U+\(String(scalar.value, radix: 16))")
            #expect(bytes == (try Self.encoded(text)), "U+\(String(scalar.value, radix: 16))")
            #expect(try JSONDecoder().decode(String.self, from: Data(bytes)) == text)
        }
        #expect(Self.text(Self.written("\u{8}\u{C}\u{1}\u{1F}/")) == #""\b\f\u0001\u001f/""#)
    }

    @Test(arguments: numbers) func doublesMatchTheEncoderAndRoundTrip(number: Double) throws {
        let bytes = Self.written(number)
        #expect(bytes == (try Self.encoded(number)), "\(number)")
        let decoded = try JSONDecoder().decode(Double.self, from: Data(bytes))
        #expect(decoded.bitPattern == number.bitPattern || (decoded == 0 && number == 0), "\(number)")
    }

    @Test func randomDoublesMatchTheEncoder() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let number = Double(bitPattern: state)
            guard number.isFinite else { continue }
            #expect(Self.written(number) == (try Self.encoded(number)), "\(number)")
            // Confidences: uniform in [0, 1).
            let confidence = Double(state >> 11) / Double(1 << 53)
            #expect(Self.written(confidence) == (try Self.encoded(confidence)), "\(confidence)")
        }
    }

    @Test func nonFiniteNumbersAreNull() {
        for number in [Double.nan, .infinity, -.infinity, -.nan] {
            #expect(Self.text(Self.written(number)) == "null")
            var writer = JSONWriter()
            writer.value(number, decimals: 4)
            #expect(Self.text(writer.bytes) == "null")
        }
    }

    @Test func roundedNumbers() {
        let cases: [(Double, Int, String)] = [
            (0.91234, 4, "0.9123"), (0.08766, 4, "0.0877"), (0.5, 4, "0.5"), (1, 4, "1"), (0, 4, "0"), (-0.0, 4, "0"),
            (0.03125, 4, "0.0313"), (0.0312, 4, "0.0312"), (0.00005, 4, "0.0001"), (0.00004, 4, "0"), (-0.00004, 4, "0"),
            (-0.25, 4, "-0.25"), (1.23456, 4, "1.2346"), (-1.23456, 4, "-1.2346"), (12_345.00001, 4, "12345"),
            (0.99996, 4, "1"), (2.5, 0, "3"), (-2.5, 0, "-3"), (0.1, 1, "0.1"), (0.123456789, 9, "0.123456789"),
            (1e300, 4, "1e+300"), (-1e300, 4, "-1e+300"),
        ]
        for (number, decimals, expected) in cases {
            var writer = JSONWriter()
            writer.value(number, decimals: decimals)
            #expect(Self.text(writer.bytes) == expected, "\(number) to \(decimals)")
        }
    }

    @Test func integers() throws {
        for integer in [Int64.min, Int64.min + 1, -1_000_000, -10, -9, -1, 0, 1, 9, 10, 99, 100, 1_800_000_000, Int64.max] {
            #expect(Self.text(Self.written(integer)) == String(integer))
            #expect(Self.text(Self.written(Int(integer))) == String(integer))
        }
    }

    @Test func structure() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("a")
        writer.beginArray()
        writer.value(1)
        writer.beginObject()
        writer.endObject()
        writer.beginArray()
        writer.endArray()
        writer.null()
        writer.value(true)
        writer.value(false)
        writer.value("x")
        writer.endArray()
        writer.key("b")
        writer.value([[1, 2], [Int]()])
        writer.key("c")
        writer.value([Int64?.none, 3])
        writer.key("d")
        writer.beginObject()
        writer.key("e")
        writer.value(0.25)
        writer.endObject()
        writer.endObject()
        #expect(Self.text(writer.bytes) == #"{"a":[1,{},[],null,true,false,"x"],"b":[[1,2],[]],"c":[null,3],"d":{"e":0.25}}"#)
    }

    @Test func membersAndOptionalMembers() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("gone", ifPresent: String?.none)
        writer.member("a", 1)
        writer.member("b", ifPresent: "x" as String?)
        writer.member("c", ifPresent: Int64?.none)
        writer.member("d", [true])
        writer.endObject()
        #expect(Self.text(writer.bytes) == #"{"a":1,"b":"x","d":[true]}"#)
    }

    struct Sample: Encodable, JSONWritable {
        var name: String
        var scores: [Double]
        var flags: [Bool]
        var id: Int64
        var note: String?

        func write(to writer: inout JSONWriter) {
            writer.beginObject()
            writer.member("flags", flags)
            writer.member("id", id)
            writer.member("name", name)
            writer.member("note", ifPresent: note)
            writer.member("scores", scores)
            writer.endObject()
        }
    }

    @Test(arguments: awkwardTexts) func nestedValuesMatchTheEncoder(text: String) throws {
        let samples = [
            Sample(name: text, scores: [0.1, 1.0 / 3, 1e-7, 1], flags: [true, false], id: -42, note: nil),
            Sample(name: "x", scores: [], flags: [], id: .max, note: text),
        ]
        #expect(Self.written(samples) == (try Self.encoded(samples)))
    }
}
