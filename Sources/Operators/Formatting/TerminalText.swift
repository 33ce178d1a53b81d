import LineEditor

/// Fitting text into terminal columns, where a Chinese character takes two (`DisplayWidth`).
enum TerminalText {
    /// `text` made safe to print: control characters (which could move the cursor or change colours),
    /// line breaks and bidirectional overrides become a space or U+FFFD, so a user's message cannot draw
    /// over the report.
    static func safe(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: result.append(" ")
            case 0x00..<0x20, 0x7F..<0xA0, 0x202A...0x202E, 0x2066...0x2069: result.append("\u{FFFD}")
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// Columns `text` takes.
    static func width(_ text: String) -> Int {
        DisplayWidth.of(text)
    }

    /// `text` cut to at most `width` columns, ending in `…` when cut.
    static func truncated(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        guard DisplayWidth.of(text) > width else { return text }
        var result = ""
        var used = 0
        for character in text {
            let columns = DisplayWidth.of(String(character))
            if used + columns > width - 1 { break }
            result.append(character)
            used += columns
        }
        return result + "…"
    }

    /// `text` cut and padded to exactly `width` columns.
    static func padded(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let cut = truncated(text, to: width)
        let padding = String(repeating: " ", count: max(0, width - DisplayWidth.of(cut)))
        return alignRight ? padding + cut : cut + padding
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// `0.1234` as `12.3%`.
    static func percent(_ fraction: Double) -> String {
        let tenths = Int((fraction * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// Microseconds as milliseconds with one decimal: `18.2 ms`.
    static func milliseconds(_ microseconds: Double) -> String {
        let tenths = Int((microseconds / 100).rounded())
        return "\(tenths / 10).\(tenths % 10) ms"
    }

    /// A bar of `#` proportional to `value / maximum`, `width` long at the maximum.
    static func bar(_ value: Int, of maximum: Int, width: Int) -> String {
        guard maximum > 0, value > 0 else { return "" }
        return String(repeating: "#", count: max(1, Int((Double(value) / Double(maximum) * Double(width)).rounded())))
    }
}
