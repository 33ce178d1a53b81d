/// Writes a text as a YAML scalar for one line of a block list: plain when YAML would read it back as
/// the same string, double-quoted otherwise.
///
/// Plain is refused (conservatively) for: empty text, leading or trailing spaces, a first character that
/// is a YAML indicator (`-?:,[]{}#&*!|>'"%@` and backquote), `: ` or ` #` inside or `:` at the end, any
/// control or invisible format character, and words YAML 1.1 or 1.2 read as something else (`yes`, `n`,
/// `null`, `~`, numbers, dates). Chinese text is nearly always plain.
enum YAMLScalar {
    static func render(_ text: String) -> String {
        isPlainSafe(text) ? text : doubleQuoted(text)
    }

    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if first == " " || last == " " || last == ":" { return false }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
        if text.contains(": ") || text.contains(" #") { return false }
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: return false
            default: continue
            }
        }
        return !looksTyped(text)
    }

    /// Words and numbers a YAML parser may turn into booleans, nulls, numbers or dates.
    private static func looksTyped(_ text: String) -> Bool {
        let lower = text.lowercased()
        let special: Set<String> = ["y", "n", "yes", "no", "true", "false", "on", "off", "null", "~", ".nan", ".inf", "-.inf", "+.inf"]
        if special.contains(lower) { return true }
        // Anything made only of digits and number punctuation: integers, floats, octal, hex, sexagesimal, dates.
        let numeric = Set("0123456789+-._:eExXoObBabcdefABCDEFtTzZ ")
        return text.unicodeScalars.allSatisfy(\.isASCII) && text.contains(where: \.isNumber) && text.allSatisfy { numeric.contains($0) }
    }

    static func doubleQuoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                switch scalar.properties.generalCategory {
                case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                    result += scalar.value <= 0xFFFF ? "\\u" + hex(scalar.value, digits: 4) : "\\U" + hex(scalar.value, digits: 8)
                default:
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
