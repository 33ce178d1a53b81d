/// How many terminal columns text occupies, after Unicode's East Asian Width property (UAX #11).
///
/// The standard library does not expose East Asian Width, so the wide ranges are listed here. They follow
/// `EastAsianWidth.txt` for the scripts a Chinese-speaking user types: CJK ideographs and their extensions,
/// CJK punctuation, kana, Hangul, full-width forms. Emoji are wide when they have emoji presentation by
/// default (`😭`) or ask for it with VARIATION SELECTOR-16 (`❤️`). Combining marks, format characters
/// (zero-width joiner, zero-width space) and controls take no column; everything else takes one.
///
/// East Asian *Ambiguous* characters (`·`, `“`, `①`) count as one column, as in most terminals outside
/// CJK legacy locales.
public enum DisplayWidth {
    /// The columns a grapheme cluster occupies: its base scalar's width, or 2 for an emoji presentation
    /// sequence. Marks and joiners inside the cluster add nothing.
    static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.properties.isEmojiPresentation {
            return 2
        }
        if first.properties.isEmoji, scalars.contains(variationSelector16) {
            return 2
        }
        // A cluster that starts with a zero-width scalar (a lone combining mark at the start of a line,
        // a joiner) still shows its later scalars, if any.
        return scalars.lazy.map(scalarWidth).first { $0 > 0 } ?? 0
    }

    /// The columns one scalar occupies on its own: 0, 1 or 2.
    static func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control, .surrogate:
            return 0
        default:
            break
        }
        let value = scalar.value
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) {
            return 0  // Hangul medial vowels and final consonants join the preceding leading consonant.
        }
        if scalar.properties.isEmojiPresentation || isWide(value) {
            return 2
        }
        return 1
    }

    /// The columns a string occupies when printed on one row.
    public static func of(_ text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    private static let variationSelector16: Unicode.Scalar = "\u{FE0F}"

    /// Whether a code point is East Asian Wide (W) or Fullwidth (F).
    private static func isWide(_ value: UInt32) -> Bool {
        wideRanges.contains { $0.contains(value) }
    }

    /// Wide and Fullwidth ranges, in code point order. Emoji are not listed: `isEmojiPresentation` covers
    /// them. Unassigned code points inside a
    /// CJK block count as wide, like the blocks' defaults in `EastAsianWidth.txt`.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,  // Hangul Jamo leading consonants
        0x2329...0x232A,  // angle brackets
        0x2E80...0x303E,  // CJK radicals, Kangxi radicals, ideographic description, CJK symbols and
                          // punctuation (U+303F IDEOGRAPHIC HALF FILL SPACE is narrow)
        0x3041...0x33FF,  // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK strokes,
                          // enclosed CJK letters, CJK compatibility
        0x3400...0x4DBF,  // CJK Unified Ideographs Extension A
        0x4DC0...0x4DFF,  // Yijing hexagram symbols
        0x4E00...0x9FFF,  // CJK Unified Ideographs
        0xA000...0xA4CF,  // Yi syllables and radicals
        0xA960...0xA97F,  // Hangul Jamo Extended-A
        0xAC00...0xD7A3,  // Hangul syllables
        0xF900...0xFAFF,  // CJK compatibility ideographs
        0xFE10...0xFE19,  // vertical forms
        0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
        0xFF00...0xFF60,  // full-width ASCII and punctuation
        0xFFE0...0xFFE6,  // full-width signs (￠ ￡ ￥ …)
        0x16FE0...0x16FFF,  // ideographic symbols and punctuation
        0x17000...0x18CFF,  // Tangut, Khitan
        0x1AFF0...0x1B2FF,  // Kana supplement and extensions, Nushu
        0x1F200...0x1F2FF,  // enclosed ideographic supplement
        0x20000...0x2FFFD,  // CJK Unified Ideographs Extensions B–F, compatibility supplement
        0x30000...0x3FFFD,  // CJK Unified Ideographs Extensions G–H
    ]
}
