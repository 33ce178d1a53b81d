import Testing
@testable import Classifier

@Suite("NegationScope")
struct NegationScopeTests {
    let normalizer = TextNormalizer()

    /// The message's characters, negated ones marked with ¬.
    func marked(_ text: String) -> String {
        normalizer.normalize(text).tokens.map { $0.isBoundary ? "|" : ($0.negated ? "¬" : "") + $0.text }.joined()
    }

    @Test("the two characters after 没 or 未, three after 没有, are negated", arguments: [
        ("我没逾期", "我没¬逾¬期"), ("没有逾期过", "没¬有¬逾¬期过"), ("未还款的账单", "未¬还¬款的账单"),
        ("从来没套现", "从来没¬套¬现"), ("不是逾期", "不¬是¬逾¬期"), ("不是因为逾期", "不¬是¬因¬为¬逾¬期"),
    ])
    func scopes(text: String, expected: String) {
        #expect(marked(text) == expected)
    }

    @Test("a boundary or a closing particle ends the scope", arguments: [
        ("没，逾期", "没|逾期"), ("额度没了", "额度没了"), ("没也逾期", "没也逾期"), ("没逾吗期", "没¬逾吗期"),
    ])
    func scopeEnds(text: String, expected: String) {
        #expect(marked(text) == expected)
    }

    @Test("questions, set phrases and a bare 不 are not negations", arguments: [
        "有没有逾期", "是不是逾期", "没事了", "没关系", "没问题", "没什么事", "没啥", "花呗用不了", "花呗不能用",
    ])
    func notNegations(text: String) {
        #expect(!normalizer.normalize(text).tokens.contains { $0.negated })
    }

    @Test("a negated word has features of its own: 没逾期 gives no plain 逾期 n-gram")
    func distinctFeatures() {
        let extractor = FeatureExtractor()
        let negated = Set(extractor.namedFeatures(normalizer.normalize("没逾期")).map(\.name))
        let plain = Set(extractor.namedFeatures(normalizer.normalize("逾期")).map(\.name))
        #expect(plain.contains("逾期") && plain.contains("[yu qi]"))
        #expect(!negated.contains("逾期") && !negated.contains("[yu qi]"))
        #expect(negated.contains("¬逾¬期") && negated.contains("没¬逾¬期"))
        var hashes: [UInt64] = []
        extractor.extract(normalizer.normalize("没逾期"), into: &hashes)
        #expect(Set(hashes) == Set(extractor.namedFeatures(normalizer.normalize("没逾期")).map(\.hash)))
    }

    @Test("a phrase is negated when it starts inside a negation's scope", arguments: [
        ("我没逾期", "逾期", true), ("沒有逾期過", "逾期", true), ("没换手机", "换手机", true), ("花呗逾期了", "逾期", false),
        ("有没有逾期", "逾期", false), ("没还款，逾期了", "逾期", false), ("没还款逾期了", "逾期", false), ("没逾期", "套现", false),
        ("没", "没", false), ("", "逾期", false),
    ])
    func negatedPhrases(text: String, phrase: String, expected: Bool) {
        #expect(normalizer.normalize(text).negates(normalizer.normalize(phrase)) == expected)
    }
}
