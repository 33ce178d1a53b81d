extension NormalizedText {
    /// The number of tokens that are not boundaries (characters, pinyin syllables, words, numbers).
    public var contentCount: Int {
        tokens.reduce(0) { $0 + ($1.isBoundary ? 0 : 1) }
    }

    /// The tokens that are not boundaries: the stored array itself when it holds none, as most phrases do.
    var contentTokens: [Token] {
        tokens.contains(where: \.isBoundary) ? tokens.filter { !$0.isBoundary } : tokens
    }

    /// The readable text of each token that is not a boundary, in order (the offsets of
    /// ``occurrences(ofSounding:)``).
    public var contentTexts: [String] {
        contentTokens.map(\.text)
    }

    /// Where each of `phrases` occurs in this text, in the phrases' order: for each, its occurrences as offsets among
    /// the content tokens (boundaries skipped, so `多久，能` holds `多久能`), one range per occurrence, left to right,
    /// not overlapping. The message's content tokens are read once for all the phrases (the dialogue matches dozens
    /// against each message; reading them per phrase showed in profiles).
    ///
    /// A token matches by identity, or by sound: the same toneless syllable, so a homophone typo (`多旧` for `多久`,
    /// `影想` for `影响`) or typed pinyin (`duojiu`) still matches. Homophone characters may stand for at most half
    /// of a phrase's characters, so `要进` is not `要紧`'s twin unless one character is the same; typed pinyin always
    /// matches by sound. A phrase of one token matches by identity only.
    public func occurrences(ofSounding phrases: [NormalizedText]) -> [[Range<Int>]] {
        let content = contentTokens
        return phrases.map { Self.occurrences(of: $0.contentTokens, in: content) }
    }

    private static func occurrences(of wanted: [Token], in content: [Token]) -> [Range<Int>] {
        guard !wanted.isEmpty, wanted.count <= content.count else { return [] }
        let maxHomophones = wanted.count == 1 ? 0 : wanted.count / 2
        var found: [Range<Int>] = []
        var start = 0
        while start + wanted.count <= content.count {
            var homophones = 0
            var matches = true
            for offset in wanted.indices {
                let token = content[start + offset]
                let target = wanted[offset]
                if token.symbol == target.symbol, token.syllable == target.syllable { continue }
                guard token.syllable != 0, token.syllable == target.syllable else {
                    matches = false
                    break
                }
                if token.symbol != 0 { homophones += 1 }  // a character read alike; typed pinyin is free
                if homophones > maxHomophones {
                    matches = false
                    break
                }
            }
            if matches {
                found.append(start..<(start + wanted.count))
                start += wanted.count
            } else {
                start += 1
            }
        }
        return found
    }
}
