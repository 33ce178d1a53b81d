/// Word-level rewrites applied to user text before it is featurised: typos, homophones, variants and
/// synonyms, each mapped to the form the training examples use (`花贝` → `花呗`, `hb` → `花呗`).
///
/// The table is data (`Intents/_lexicon.yaml`), not code; keys and values are compared after full-width,
/// case and traditional-character folding, so one entry covers every spelling of the same key.
public struct NormalizationLexicon: Sendable, Equatable {
    /// Rewrites by key, as given.
    public let replacements: [String: String]

    /// Candidates by their first (folded) code point, longest first.
    let patternsByFirstScalar: [UInt32: [Pattern]]
    /// The keys' first code points, checked before the dictionary.
    private let firstScalars: ScalarFilter

    struct Pattern: Sendable, Equatable {
        var key: [UInt32]
        var replacement: [UInt32]
        /// Latin keys (`hb`) only match whole words, so `hb` inside `hbo` is left alone.
        var isLatinWord: Bool
    }

    /// An empty lexicon: text is only folded, never rewritten.
    public static let empty = NormalizationLexicon(replacements: [:])

    /// Builds the lexicon; keys that fold to nothing are ignored.
    public init(replacements: [String: String]) {
        self.replacements = replacements
        var patterns: [UInt32: [Pattern]] = [:]
        for (key, value) in replacements {
            let foldedKey = TextNormalizer.foldScalars(key)
            guard let first = foldedKey.first else { continue }
            let isLatin = foldedKey.allSatisfy { TextNormalizer.isASCIILetter($0) }
            patterns[first, default: []].append(
                Pattern(key: foldedKey, replacement: TextNormalizer.foldScalars(value), isLatinWord: isLatin)
            )
        }
        for first in patterns.keys {
            patterns[first]?.sort { lhs, rhs in
                lhs.key.count != rhs.key.count ? lhs.key.count > rhs.key.count : lhs.key.lexicographicallyPrecedes(rhs.key)
            }
        }
        self.patternsByFirstScalar = patterns
        self.firstScalars = ScalarFilter(patterns.keys.map(UInt64.init))
    }

    public static func == (lhs: NormalizationLexicon, rhs: NormalizationLexicon) -> Bool {
        lhs.replacements == rhs.replacements
    }

    /// Applies the rewrites to folded code points, longest match first, left to right, never re-reading
    /// replaced text.
    func apply(to scalars: [UInt32]) -> [UInt32] {
        guard !patternsByFirstScalar.isEmpty else { return scalars }
        // Most messages hold no key: find the first match before copying anything.
        let count = scalars.count
        var index = 0
        var first: (index: Int, pattern: Pattern)?
        searching: while index < count {
            if firstScalars.mayContain(UInt64(scalars[index])), let candidates = patternsByFirstScalar[scalars[index]] {
                for pattern in candidates where matches(pattern, in: scalars, at: index) {
                    first = (index, pattern)
                    break searching
                }
            }
            index += 1
        }
        guard let first else { return scalars }
        var output: [UInt32] = []
        output.reserveCapacity(scalars.count + 8)
        output.append(contentsOf: scalars[..<first.index])
        output.append(contentsOf: first.pattern.replacement)
        index = first.index + first.pattern.key.count
        scanning: while index < count {
            if firstScalars.mayContain(UInt64(scalars[index])), let candidates = patternsByFirstScalar[scalars[index]] {
                for pattern in candidates where matches(pattern, in: scalars, at: index) {
                    output.append(contentsOf: pattern.replacement)
                    index += pattern.key.count
                    continue scanning
                }
            }
            output.append(scalars[index])
            index += 1
        }
        return output
    }

    private func matches(_ pattern: Pattern, in scalars: [UInt32], at index: Int) -> Bool {
        let end = index + pattern.key.count
        guard end <= scalars.count else { return false }
        for offset in 1..<pattern.key.count where scalars[index + offset] != pattern.key[offset] {
            return false
        }
        if pattern.isLatinWord {
            if index > 0, TextNormalizer.isASCIILetter(scalars[index - 1]) { return false }
            if end < scalars.count, TextNormalizer.isASCIILetter(scalars[end]) { return false }
        }
        return true
    }
}
