/// One request parameter as the Bot API accepts it: from a query string or a form (always text) or from a JSON
/// object (typed). Objects and arrays are kept only as ``compound`` because no supported parameter needs them.
package enum ParameterValue: Sendable, Equatable, Decodable {
    case string(String)
    case integer(Int64)
    case number(Double)
    case bool(Bool)
    case null
    case compound

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else {
            self = .compound
        }
    }

    /// The value as an integer: a JSON integer, or text that is one.
    package var integer: Int64? {
        switch self {
        case .integer(let value): value
        case .number(let value): value == value.rounded() && abs(value) < 9e15 ? Int64(value) : nil
        case .string(let text): Int64(text.trimmingWhitespace)
        default: nil
        }
    }

    /// The value as text: a JSON string, or the text of a scalar.
    package var string: String? {
        switch self {
        case .string(let value): value
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .bool(let value): String(value)
        case .null, .compound: nil
        }
    }

    /// The value as a boolean: JSON `true`/`false` or the text `true`/`false`/`1`/`0`.
    package var bool: Bool? {
        switch self {
        case .bool(let value): value
        case .integer(let value): value != 0
        case .string(let text):
            switch text.lowercased() {
            case "true", "1": true
            case "false", "0": false
            default: nil
            }
        default: nil
        }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    package var trimmingWhitespace: Substring {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[start...end]
    }
}
