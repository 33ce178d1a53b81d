/// Marks the words a negation covers, so `没逾期` ("never overdue") does not read as `逾期` ("overdue").
///
/// Character n-grams alone see the same `逾期` in 花呗逾期了 and in 我没逾期，花呗怎么冻了. Following the
/// classic treatment of negation in text classification (a `NOT_` mark on the words after a negation up to
/// the end of the phrase), the two characters after `没`/`未`/`不是` are marked (and the `有` of `没有`, the `因为`
/// of `不是因为`), and the feature extractor gives marked tokens features of their own. The scope ends early at a
/// boundary or a particle that closes the phrase (`没了` is "gone", not a negation of what follows). `有没有` and
/// `是不是` are questions, not negations, and mark nothing; nor do set phrases such as `没事` ("it's fine").
/// `不` alone is left alone: `用不了`, `不能用` are how every freeze is told.
///
/// Training examples go through the same marking, so patterns such as `没还` (not repaid) in overdue
/// messages are learnt as they are written.
enum NegationScope {
    /// 有, which joins 没 into 没有.
    static let have: UInt64 = 0x6709
    /// 不 and 是: 不是 negates like 没 (是不是 is a question).
    static let not: UInt64 = 0x4E0D
    static let be: UInt64 = 0x662F
    /// 因为: `不是因为逾期` negates 逾期, so the scope reaches past it.
    static let because: (UInt64, UInt64) = (0x56E0, 0x4E3A)
    /// Tokens marked after a negator.
    static let width = 2

    /// 没, 未. (Switches, not sets: this runs for every token of every message, and a set lookup hashes.)
    @inline(__always)
    static func isNegator(_ symbol: UInt64) -> Bool {
        symbol == 0x6CA1 || symbol == 0x672A
    }

    /// 了 也 但 可 就 却 的 啊 呀 吧 呢 吗: particles and conjunctions that end the negated phrase.
    @inline(__always)
    static func isCloser(_ symbol: UInt64) -> Bool {
        switch symbol {
        case 0x4E86, 0x4E5F, 0x4F46, 0x53EF, 0x5C31, 0x5374, 0x7684, 0x554A, 0x5440, 0x5427, 0x5462, 0x5417: true
        default: false
        }
    }

    /// 事 关 问 什 啥: 没事, 没关系, 没问题, 没什么, 没啥 are set phrases ("it's fine", "nothing"), not negations.
    @inline(__always)
    static func startsSetPhrase(_ symbol: UInt64) -> Bool {
        switch symbol {
        case 0x4E8B, 0x5173, 0x95EE, 0x4EC0, 0x5565: true
        default: false
        }
    }

    static func apply(to tokens: inout [NormalizedText.Token]) {
        var remaining = 0
        for index in tokens.indices {
            let symbol = tokens[index].symbol
            if tokens[index].isBoundary || isCloser(symbol) {
                remaining = 0
                continue
            }
            let before = index > tokens.startIndex ? tokens[index - 1].symbol : 0
            let after = index + 1 < tokens.endIndex ? tokens[index + 1].symbol : 0
            if isNegator(symbol) {
                if (before == have && after == have) || startsSetPhrase(after) {
                    remaining = 0  // 有没有: a question; 没事: a set phrase
                } else {
                    remaining = width + (after == have ? 1 : 0)
                }
                continue
            }
            if symbol == not, after == be, before != be {
                // 不是 (not 是不是): the scope covers 是, and 因为 after it.
                let afterBe = index + 3 < tokens.endIndex ? (tokens[index + 2].symbol, tokens[index + 3].symbol) : (0, 0)
                remaining = width + 1 + (afterBe == because ? 2 : 0)
                continue
            }
            if remaining > 0 {
                tokens[index].negated = true
                remaining -= 1
            }
        }
    }
}

extension NormalizedText {
    /// True when `phrase` occurs in this text starting inside a negation's scope: `我没逾期` negates `逾期`,
    /// `没换手机` negates `换手机` (the scope covers its start), while `花呗逾期了`, `有没有逾期` and `没还款，逾期了`
    /// do not. Characters match by identity, typed pinyin by syllable, after the same normalisation (`沒逾期`
    /// negates `逾期`).
    public func negates(_ phrase: NormalizedText) -> Bool {
        let wanted = phrase.contentTokens
        guard !wanted.isEmpty, wanted.count <= tokens.count else { return false }
        for start in 0...(tokens.count - wanted.count) {
            var matches = true
            for offset in wanted.indices {
                let token = tokens[start + offset]
                let target = wanted[offset]
                guard offset > 0 || token.negated, token.symbol == target.symbol, token.syllable == target.syllable else {
                    matches = false
                    break
                }
            }
            if matches { return true }
        }
        return false
    }
}
