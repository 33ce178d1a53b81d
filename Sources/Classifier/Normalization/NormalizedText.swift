/// A message after normalisation: a sequence of tokens the featuriser turns into n-grams.
public struct NormalizedText: Sendable, Equatable {
    /// One unit of text: a Han character (with its pinyin), a pinyin syllable typed in Latin letters, a
    /// Latin word, a number, or a boundary (punctuation, emoji, spaces) that n-grams do not cross.
    struct Token: Sendable, Equatable {
        /// The token's identity in the character channel; 0 when it has none (typed pinyin, boundaries).
        var symbol: UInt64
        /// Its toneless pinyin syllable id; 0 when it has none (Latin words, numbers, boundaries).
        var syllable: UInt16
        /// The readable form when it does not follow from `symbol` or `syllable`: a Latin word's or a number's
        /// (their symbol is a hash), a boundary's `|`. Nil for Han characters, other letters, `#` and typed pinyin,
        /// whose text is only built when someone reads it (explanations, the REPL), not for every message.
        var word: String?
        /// Inside a negation's scope (`NegationScope`): its features are distinct from the plain token's.
        var negated = false

        /// A token with its readable form given.
        init(symbol: UInt64, syllable: UInt16, text: String) {
            self.symbol = symbol
            self.syllable = syllable
            self.word = text
        }

        /// A token whose readable form follows from its symbol (a code point) or, without one, its syllable.
        init(symbol: UInt64, syllable: UInt16) {
            self.symbol = symbol
            self.syllable = syllable
            self.word = nil
        }

        /// Readable form, for explanations and the REPL.
        var text: String {
            if let word { return word }
            if symbol == 0 { return syllable == 0 ? "|" : PinyinTable.shared.syllables[Int(syllable)] }
            guard symbol <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(symbol)) else { return "?" }
            return String(Character(scalar))
        }

        static let boundary = Token(symbol: 0, syllable: 0, text: "|")

        static func == (lhs: Token, rhs: Token) -> Bool {
            lhs.symbol == rhs.symbol && lhs.syllable == rhs.syllable && lhs.negated == rhs.negated
                && (lhs.word == rhs.word || lhs.text == rhs.text)
        }
        var isBoundary: Bool { symbol == 0 && syllable == 0 }
    }

    var tokens: [Token]
    /// Where the tokens the classifier learns from begin: after leading openers such as `请问一下` or
    /// `你好，` (see `LeadingFillers`), which stay in `tokens` and in the description; 0 when there are none.
    var featureStart: Int

    init(tokens: [Token], featureStart: Int = 0) {
        self.tokens = tokens
        self.featureStart = featureStart
    }

    /// The tokens the classifier learns from.
    var featureTokens: ArraySlice<Token> { tokens[featureStart...] }

    /// True when nothing classifiable is left (empty input, only emoji or punctuation).
    public var isEmpty: Bool { !tokens.contains { !$0.isBoundary } }

    /// The normalised text as the classifier sees it: tokens joined, boundaries as ` | `. A leading opener
    /// the features leave out (`请问 | 花呗冻结了`) is shown, so cue words at the start of an answer (`嗯，`)
    /// are still there for whoever reads the description.
    public var description: String {
        var result = ""
        var previousWasWord = false
        for token in tokens {
            if token.isBoundary {
                if !result.isEmpty, !result.hasSuffix(" | ") { result += " | " }
                previousWasWord = false
                continue
            }
            let isWord = token.text.utf8.count > 1 && token.text.unicodeScalars.allSatisfy { $0.isASCII }
            if isWord, previousWasWord { result += " " }
            result += token.text
            previousWasWord = isWord
        }
        if result.hasSuffix(" | ") { result.removeLast(3) }
        return result
    }
}
