import JSONReading

/// A reader for the JSON bodies the relay's clients send: one flat object of strings, integers, booleans and nulls.
///
/// It gives exactly what `JSONDecoder` gives for `[String: ParameterValue]`, or nil for anything it does not
/// handle itself (nested objects and arrays, fractions and exponents, integers beyond `Int64`, `-0`, `\u` escapes,
/// repeated names, invalid UTF-8 or invalid JSON), so that the caller falls back to `JSONDecoder` and the answer,
/// errors included, stays the same. It allocates only the dictionary and its strings.
enum FlatJSONObject {
    static func parse(_ bytes: [UInt8]) -> [String: ParameterValue]? {
        bytes.withUnsafeBytes { bytes -> [String: ParameterValue]? in
            guard JSONScanner.readsLikeJSONDecoder(bytes) else { return nil }
            var scanner = JSONScanner(bytes)
            var members: [String: ParameterValue] = [:]
            guard scanner.consume(UInt8(ascii: "{")) else { return nil }
            if !scanner.consume(UInt8(ascii: "}")) {
                repeat {
                    guard let name = scanner.string(), scanner.consume(UInt8(ascii: ":")),
                        let value = value(&scanner, in: bytes), members.updateValue(value, forKey: name) == nil
                    else { return nil }
                } while scanner.consume(UInt8(ascii: ","))
                guard scanner.consume(UInt8(ascii: "}")) else { return nil }
            }
            scanner.skipWhitespace()
            return scanner.isAtEnd ? members : nil
        }
    }

    private static func value(_ scanner: inout JSONScanner, in bytes: UnsafeRawBufferPointer) -> ParameterValue? {
        switch scanner.nextKind() {
        case .string:
            return scanner.string().map(ParameterValue.string)
        case .number:
            // `-0` is left to JSONDecoder, which may read it as a fraction.
            let start = scanner.index
            guard let value = scanner.exactInteger(), value != 0 || bytes[start] != UInt8(ascii: "-") else { return nil }
            return .integer(value)
        case .literal:
            if scanner.consumeNull() { return .null }
            return scanner.bool().map(ParameterValue.bool)
        case .object, .array, .invalid:
            return nil
        }
    }
}
