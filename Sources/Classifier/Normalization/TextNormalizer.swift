import Foundation

/// Turns what users type into the tokens the classifier learns from.
///
/// In order: cut to `maxCharacters`; compatibility forms folded (full-width `ＡＢＣ１２３` to `abc123`,
/// NFKC for the rarer compatibility characters); Latin lower-cased; traditional characters simplified;
/// a leading opener with no meaning (`请问一下`, `你好，`, `emmm`; see `LeadingFillers`) set apart so it
/// stays out of the features; spaces between Han characters dropped (`花 呗 冻 结` reads like `花呗冻结`:
/// Chinese needs no spaces, so they are not word breaks); the lexicon's typo and synonym rewrites applied;
/// then the text is split into tokens: Han characters (each with its pinyin syllable, by word where a
/// character has several readings: `还款` is `huan kuan`, see `WordReadings`), typed pinyin (`huabei` →
/// `hua` `bei`), other Latin words, numbers (runs of five or more digits, such as phone, card or ID
/// numbers and codes, are masked to one `#` token; shorter numbers like `600` carry meaning and are
/// kept), and boundaries: punctuation, symbols, emoji, and spaces next to Latin words or numbers, which
/// n-grams do not cross. Spaces between typed pinyin words are not boundaries either, so `huabei dongjie`
/// reads like `花呗冻结`.
public struct TextNormalizer: Sendable {
    /// Longer messages are cut to this many characters before anything else happens.
    public var maxCharacters: Int
    /// The typo, homophone and synonym table.
    public var lexicon: NormalizationLexicon

    static let maskedNumberSymbol: UInt64 = 0x23  // "#"
    static let shortNumberLimit = 4

    public init(lexicon: NormalizationLexicon = .empty, maxCharacters: Int = 2_000) {
        self.lexicon = lexicon
        self.maxCharacters = maxCharacters
    }

    /// Normalises `text`. Never fails: anything unclassifiable becomes a boundary.
    public func normalize(_ text: String) -> NormalizedText {
        let scalars = Self.foldScalars(cut(text))
        let start = LeadingFillers.messageStart(in: scalars)
        guard start > 0 else { return NormalizedText(tokens: tokens(scalars[...])) }
        // The opener and the message are tokenised apart, so no n-gram, rewrite or joined space spans them.
        let opener = tokens(scalars[..<start])
        return NormalizedText(tokens: opener + [.boundary] + tokens(scalars[start...]), featureStart: opener.count + 1)
    }

    /// Joining spaced Han text, rewriting, joining again (`hb 冻结` is `花呗 冻结` only after the lexicon),
    /// tokenising, word readings and negation scopes, in that order.
    private func tokens(_ scalars: ArraySlice<UInt32>) -> [NormalizedText.Token] {
        let rewritten = lexicon.apply(to: Self.joiningHanSpaces(scalars))
        var tokens = tokenize(Self.joiningHanSpaces(rewritten[...]))
        WordReadings.shared.apply(to: &tokens)
        NegationScope.apply(to: &tokens)
        return tokens
    }

    private func cut(_ text: String) -> String {
        // A string of at most maxCharacters UTF-8 bytes cannot hold more characters than that.
        guard text.utf8.count > maxCharacters, text.count > maxCharacters else { return text }
        return String(text.prefix(maxCharacters))
    }

    // MARK: Folding

    /// Full-width, compatibility, case and traditional-character folding, as code points.
    static func foldScalars(_ text: String) -> [UInt32] {
        let source = needsCompatibilityMapping(text) ? text.precomposedStringWithCompatibilityMapping : text
        var result: [UInt32] = []
        result.reserveCapacity(source.utf8.count)
        for scalar in source.unicodeScalars {
            result.append(fold(scalar.value))
        }
        return result
    }

    @inline(__always)
    private static func fold(_ value: UInt32) -> UInt32 {
        switch value {
        case 0x41...0x5A: return value + 0x20  // A-Z
        case 0x00...0x7F: return value
        case 0xFF21...0xFF3A: return value - 0xFEE0 + 0x20  // Ａ-Ｚ to a-z
        case 0xFF01...0xFF5E: return value - 0xFEE0  // other full-width ASCII
        case 0x3000: return 0x20  // ideographic space
        case 0x4E00...0x9FFF: return ChineseScript.simplified(value)
        default: return value
        }
    }

    /// Characters NFKC would change beyond the full-width forms `fold` handles itself: letterlike and
    /// enclosed symbols, CJK compatibility ideographs and forms, half-width forms. Plain text skips
    /// Foundation's normaliser entirely.
    private static func needsCompatibilityMapping(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x2000...0x2BFF, 0x3200...0x33FF, 0xF900...0xFAFF, 0xFE30...0xFE6F, 0xFF61...0xFFEF:
                return true
            default:
                continue
            }
        }
        return false
    }

    /// Drops the spaces between two Han characters (`花 呗 冻 结`, `花呗 冻结`): Chinese is written without
    /// spaces, so they do not separate words the way punctuation does. Spaces next to Latin letters or
    /// digits are kept.
    static func joiningHanSpaces(_ scalars: ArraySlice<UInt32>) -> [UInt32] {
        guard scalars.contains(where: { kind(of: $0) == .space }) else { return Array(scalars) }
        var result: [UInt32] = []
        result.reserveCapacity(scalars.count)
        var index = scalars.startIndex
        while index < scalars.endIndex {
            guard kind(of: scalars[index]) == .space else {
                result.append(scalars[index])
                index += 1
                continue
            }
            var end = index + 1
            while end < scalars.endIndex, kind(of: scalars[end]) == .space { end += 1 }
            let joins = result.last.map { kind(of: $0) == .han } == true && end < scalars.endIndex && kind(of: scalars[end]) == .han
            if !joins { result.append(contentsOf: scalars[index..<end]) }
            index = end
        }
        return result
    }

    // MARK: Tokens

    private enum Kind {
        case han, asciiLetter, digit, otherLetter, space, boundary, ignorable
    }

    @inline(__always)
    static func isASCIILetter(_ value: UInt32) -> Bool { value >= 0x61 && value <= 0x7A }

    /// Whether `value` (folded) is a Han character, a letter or a digit: something n-grams are made of.
    static func isContent(_ value: UInt32) -> Bool {
        switch kind(of: value) {
        case .han, .asciiLetter, .digit, .otherLetter: true
        case .space, .boundary, .ignorable: false
        }
    }

    private static func kind(of value: UInt32) -> Kind {
        switch value {
        case 0x61...0x7A: return .asciiLetter
        case 0x30...0x39: return .digit
        case 0x09, 0x0A, 0x0D, 0x20: return .space
        case 0x00...0x7F: return .boundary
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2FA1F: return .han
        default: break
        }
        guard let scalar = Unicode.Scalar(value) else { return .boundary }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format, .control:
            return .ignorable  // zero-width joiners, variation selectors, combining marks
        case .spaceSeparator, .lineSeparator, .paragraphSeparator:
            return .space
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return properties.isIdeographic ? .han : .otherLetter
        default:
            return .boundary  // punctuation, symbols and emoji
        }
    }

    private func tokenize(_ scalars: [UInt32]) -> [NormalizedText.Token] {
        var tokens: [NormalizedText.Token] = []
        tokens.reserveCapacity(scalars.count + 2)
        let pinyin = PinyinTable.shared
        var index = 0
        let count = scalars.count
        // Whether the last emitted run was typed pinyin, so a following space does not break it.
        var lastWasPinyin = false
        var pendingSpace = false

        func appendBoundary() {
            if let last = tokens.last, !last.isBoundary { tokens.append(.boundary) }
        }

        while index < count {
            let value = scalars[index]
            let kind = Self.kind(of: value)
            switch kind {
            case .han:
                if pendingSpace { appendBoundary() }
                pendingSpace = false
                lastWasPinyin = false
                tokens.append(.init(symbol: UInt64(value), syllable: pinyin.syllable(of: value)))
                index += 1
            case .asciiLetter:
                var end = index
                while end < count, Self.isASCIILetter(scalars[end]) { end += 1 }
                let letters = scalars[index..<end].map { UInt8(truncatingIfNeeded: $0) }
                if let syllables = pinyin.segment(letters[...]) {
                    if pendingSpace, !lastWasPinyin { appendBoundary() }
                    for syllable in syllables {
                        tokens.append(.init(symbol: 0, syllable: syllable))
                    }
                    lastWasPinyin = true
                } else {
                    if pendingSpace { appendBoundary() }
                    let word = String(decoding: letters, as: UTF8.self)
                    tokens.append(.init(symbol: Self.wordSymbol(letters), syllable: 0, text: word))
                    lastWasPinyin = false
                }
                pendingSpace = false
                index = end
            case .digit:
                if pendingSpace { appendBoundary() }
                pendingSpace = false
                lastWasPinyin = false
                var end = index
                while end < count, scalars[end] >= 0x30, scalars[end] <= 0x39 { end += 1 }
                if end - index > Self.shortNumberLimit {
                    tokens.append(.init(symbol: Self.maskedNumberSymbol, syllable: 0))
                } else {
                    let digits = scalars[index..<end].map { UInt8(truncatingIfNeeded: $0) }
                    tokens.append(.init(
                        symbol: Self.wordSymbol(digits),
                        syllable: 0,
                        text: String(decoding: digits, as: UTF8.self)
                    ))
                }
                index = end
            case .otherLetter:
                if pendingSpace { appendBoundary() }
                pendingSpace = false
                lastWasPinyin = false
                tokens.append(.init(symbol: UInt64(value), syllable: 0))
                index += 1
            case .space:
                pendingSpace = !tokens.isEmpty
                index += 1
            case .boundary:
                appendBoundary()
                pendingSpace = false
                lastWasPinyin = false
                index += 1
            case .ignorable:
                index += 1
            }
        }
        if tokens.last?.isBoundary == true { tokens.removeLast() }
        return tokens
    }

    /// Symbols for Latin words and numbers live above the Unicode range, so they never collide with a
    /// character's code point.
    private static func wordSymbol(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash | 0x8000_0000_0000_0000
    }
}
