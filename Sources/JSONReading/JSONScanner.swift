/// A forward-only scanner over the bytes of one JSON text, for the hot paths that read a few known keys: the turn
/// log's lines and the Bot API's `sendMessage` answers.
///
/// `JSONDecoder` costs about 20 µs for one turn log line on Linux, 20 s for a million; this scanner reads
/// the same line in about a tenth of that. It implements the JSON grammar (RFC 8259) for what it reads:
/// strings with every escape (surrogate pairs joined; a lone surrogate becomes U+FFFD), numbers, literals,
/// and it skips values of any shape under keys it does not know. Invalid UTF-8 inside strings is repaired
/// to U+FFFD rather than refused. Every method returns `nil` (or `false`) on malformed input and leaves the
/// caller to give up on the line.
package struct JSONScanner {
    private let bytes: UnsafeRawBufferPointer
    package private(set) var index = 0

    /// Nesting deeper than this is refused rather than recursed into.
    package static let maximumDepth = 64

    package init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    package var isAtEnd: Bool { index >= bytes.count }

    /// Whether `bytes` are valid UTF-8 without any `\u` escape: a text whose strings this scanner reads exactly as
    /// `JSONDecoder` does (it repairs what `JSONDecoder` refuses: invalid UTF-8 and lone surrogates). For readers
    /// that must answer as `JSONDecoder` would or leave the text to it.
    package static func readsLikeJSONDecoder(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            if previous == UInt8(ascii: "\\"), byte == UInt8(ascii: "u") { return false }
            previous = byte
        }
        return String(validating: bytes, as: UTF8.self) != nil
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    package mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// Consumes `byte` after optional whitespace.
    package mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard current == byte else { return false }
        index += 1
        return true
    }

    /// Whether the next non-blank byte is `byte`, without consuming it.
    package mutating func peek(_ byte: UInt8) -> Bool {
        skipWhitespace()
        return current == byte
    }

    /// A `true` or `false` literal.
    package mutating func bool() -> Bool? {
        skipWhitespace()
        if consumeWord("true") { return true }
        if consumeWord("false") { return false }
        return nil
    }

    /// Consumes the literal `null`.
    package mutating func consumeNull() -> Bool {
        skipWhitespace()
        return consumeWord("null")
    }

    // MARK: Strings

    /// A string value.
    package mutating func string() -> String? {
        skipWhitespace()
        guard current == UInt8(ascii: "\"") else { return nil }
        index += 1
        let start = index
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { return nil }
            index += 1
        }
        guard index < bytes.count else { return nil }
        var decoded = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: decoded, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard let escape = current else { return nil }
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
                case UInt8(ascii: "b"): decoded.append(0x08)
                case UInt8(ascii: "f"): decoded.append(0x0C)
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                case UInt8(ascii: "t"): decoded.append(0x09)
                case UInt8(ascii: "u"):
                    guard let scalar = unicodeEscape() else { return nil }
                    decoded.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    return nil
                }
            case 0x00..<0x20:
                return nil
            default:
                decoded.append(byte)
                index += 1
            }
        }
        return nil
    }

    /// The scalar of `\uXXXX` (the `\u` already consumed), joining a surrogate pair.
    private mutating func unicodeEscape() -> Unicode.Scalar? {
        guard let first = hexQuad() else { return nil }
        if (0xD800...0xDBFF).contains(first) {
            // A high surrogate: a low one should follow as another \u escape.
            if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                let saved = index
                index += 2
                guard let second = hexQuad() else { return nil }
                if (0xDC00...0xDFFF).contains(second) {
                    return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
                }
                index = saved  // not a pair: read the next escape on its own
            }
            return "\u{FFFD}"
        }
        if (0xDC00...0xDFFF).contains(first) { return "\u{FFFD}" }
        return Unicode.Scalar(first)
    }

    private mutating func hexQuad() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    // MARK: Numbers

    /// A number's text, checked against the JSON grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    /// `isInteger` is false when it has a fraction or an exponent.
    private mutating func numberText() -> (text: UnsafeRawBufferPointer, isInteger: Bool)? {
        skipWhitespace()
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, isDigit(first) else { return nil }
        index += 1
        if first != UInt8(ascii: "0") {
            while let byte = current, isDigit(byte) { index += 1 }
        }
        var isInteger = true
        if current == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard let byte = current, isDigit(byte) else { return nil }
            while let byte = current, isDigit(byte) { index += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let byte = current, isDigit(byte) else { return nil }
            while let byte = current, isDigit(byte) { index += 1 }
        }
        return (UnsafeRawBufferPointer(rebasing: bytes[start..<index]), isInteger)
    }

    /// A number as a `Double`, correctly rounded.
    package mutating func double() -> Double? {
        guard let (text, isInteger) = numberText() else { return nil }
        if isInteger, text.count <= 15, let value = Self.integer(text) {
            return Double(value)  // exact below 2^53
        }
        return Double(String(decoding: text, as: UTF8.self))
    }

    /// An integral number (a fraction is cut off); `nil` when it does not fit.
    package mutating func integer() -> Int64? {
        guard let (text, isInteger) = numberText() else { return nil }
        if isInteger { return Self.integer(text) }
        guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite,
              value > -9.2e18, value < 9.2e18
        else { return nil }
        return Int64(value)
    }

    /// An integer written without a fraction or an exponent; `nil` for any other number, or one that does not fit.
    package mutating func exactInteger() -> Int64? {
        guard let (text, isInteger) = numberText(), isInteger else { return nil }
        return Self.integer(text)
    }

    private static func integer(_ text: UnsafeRawBufferPointer) -> Int64? {
        var value: Int64 = 0
        var negative = false
        for byte in text {
            if byte == UInt8(ascii: "-") {
                negative = true
                continue
            }
            // A negative number is accumulated below zero, so Int64.min, which has no positive twin, reads too.
            let digit = Int64(byte - UInt8(ascii: "0"))
            let (multiplied, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) =
                negative ? multiplied.subtractingReportingOverflow(digit) : multiplied.addingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            value = next
        }
        return value
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    // MARK: Any value

    /// What kind of value comes next, without consuming it.
    package enum ValueKind {
        case string, number, object, array, literal, invalid
    }

    package mutating func nextKind() -> ValueKind {
        skipWhitespace()
        guard let byte = current else { return .invalid }
        switch byte {
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"): return .literal
        default: return .invalid
        }
    }

    /// Skips one value of any kind, checking its syntax.
    package mutating func skipValue(depth: Int = 0) -> Bool {
        guard depth < Self.maximumDepth else { return false }
        switch nextKind() {
        case .string:
            return skipString()
        case .number:
            return numberText() != nil
        case .literal:
            return consumeWord("true") || consumeWord("false") || consumeWord("null")
        case .array:
            index += 1
            if consume(UInt8(ascii: "]")) { return true }
            repeat {
                guard skipValue(depth: depth + 1) else { return false }
            } while consume(UInt8(ascii: ","))
            return consume(UInt8(ascii: "]"))
        case .object:
            index += 1
            if consume(UInt8(ascii: "}")) { return true }
            repeat {
                guard skipString(), consume(UInt8(ascii: ":")), skipValue(depth: depth + 1) else { return false }
            } while consume(UInt8(ascii: ","))
            return consume(UInt8(ascii: "}"))
        case .invalid:
            return false
        }
    }

    /// Skips a string, checking its escapes, without building it.
    private mutating func skipString() -> Bool {
        skipWhitespace()
        guard current == UInt8(ascii: "\"") else { return false }
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return true
            case UInt8(ascii: "\\"):
                guard let escape = current else { return false }
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    continue
                case UInt8(ascii: "u"):
                    guard hexQuad() != nil else { return false }
                default:
                    return false
                }
            case 0x00..<0x20:
                return false
            default:
                continue
            }
        }
        return false
    }

    private mutating func consumeWord(_ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard index + length <= bytes.count else { return false }
        let matches = word.withUTF8Buffer { expected in
            (0..<length).allSatisfy { bytes[index + $0] == expected[$0] }
        }
        if matches { index += length }
        return matches
    }
}
