/// A parser for the JSON bodies the relay's clients send: one flat object of strings, integers, booleans and nulls.
///
/// It gives exactly what `JSONDecoder` gives for `[String: ParameterValue]`, or nil for anything it does not
/// handle itself (nested objects and arrays, fractions and exponents, integers beyond `Int64`, `\u` escapes,
/// repeated names, invalid UTF-8 or invalid JSON), so that the caller falls back to `JSONDecoder` and the answer,
/// errors included, stays the same. It allocates only the dictionary and its strings.
enum FlatJSONObject {
    static func parse(_ bytes: [UInt8]) -> [String: ParameterValue]? {
        bytes.withUnsafeBufferPointer { buffer in
            var parser = Parser(bytes: buffer)
            return parser.object()
        }
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func object() -> [String: ParameterValue]? {
            skipWhitespace()
            guard take(UInt8(ascii: "{")) else { return nil }
            var members: [String: ParameterValue] = [:]
            skipWhitespace()
            if !take(UInt8(ascii: "}")) {
                while true {
                    skipWhitespace()
                    guard take(UInt8(ascii: "\"")), let name = string() else { return nil }
                    skipWhitespace()
                    guard take(UInt8(ascii: ":")) else { return nil }
                    skipWhitespace()
                    guard let value = value(), members.updateValue(value, forKey: name) == nil else { return nil }
                    skipWhitespace()
                    if take(UInt8(ascii: ",")) { continue }
                    guard take(UInt8(ascii: "}")) else { return nil }
                    break
                }
            }
            skipWhitespace()
            return index == bytes.count ? members : nil
        }

        private mutating func value() -> ParameterValue? {
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                return string().map(ParameterValue.string)
            case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return integer().map(ParameterValue.integer)
            default: return nil
            }
        }

        /// The rest of a string whose opening quote was taken; nil for `\u` escapes, control characters and
        /// invalid UTF-8.
        private mutating func string() -> String? {
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    index += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { return escapedString(start: start) }
                guard byte >= 0x20 else { return nil }
                index += 1
            }
            return nil
        }

        /// A string with backslash escapes, from its first byte at `start`.
        private mutating func escapedString(start: Int) -> String? {
            var unescaped = Array(bytes[start..<index])
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(validating: unescaped, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { return nil }
                    let escaped = bytes[index]
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(escaped)
                    case UInt8(ascii: "b"): unescaped.append(0x08)
                    case UInt8(ascii: "f"): unescaped.append(0x0C)
                    case UInt8(ascii: "n"): unescaped.append(0x0A)
                    case UInt8(ascii: "r"): unescaped.append(0x0D)
                    case UInt8(ascii: "t"): unescaped.append(0x09)
                    default: return nil  // `\u` and invalid escapes: JSONDecoder's
                    }
                default:
                    guard byte >= 0x20 else { return nil }
                    unescaped.append(byte)
                }
            }
            return nil
        }

        /// An integer without fraction or exponent that fits `Int64`; nil for anything else (and for `-0`).
        private mutating func integer() -> Int64? {
            let negative = take(UInt8(ascii: "-"))
            let start = index
            var magnitude: Int64 = 0
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                let digit = Int64(bytes[index] - UInt8(ascii: "0"))
                // Accumulated negatively so that Int64.min fits.
                let (shifted, overflow) = magnitude.multipliedReportingOverflow(by: 10)
                let (next, overflow2) = shifted.subtractingReportingOverflow(digit)
                guard !overflow, !overflow2 else { return nil }
                magnitude = next
                index += 1
            }
            let digits = index - start
            guard digits > 0, !(digits > 1 && bytes[start] == UInt8(ascii: "0")) else { return nil }
            if index < bytes.count {
                let next = bytes[index]
                if next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") { return nil }
            }
            if negative { return magnitude == 0 ? nil : magnitude }
            guard magnitude != Int64.min else { return nil }
            return -magnitude
        }

        private mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
            index += count
            return true
        }

        private mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        private mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }
    }
}
