import Testing
@testable import Classifier

@Suite("LeadingFillers")
struct LeadingFillersTests {
    let normalizer = TextNormalizer()

    /// The text of the tokens the classifier learns from.
    func features(_ text: String) -> String {
        NormalizedText(tokens: Array(normalizer.normalize(text).featureTokens)).description
    }

    @Test("openers with no meaning are left out of the features", arguments: [
        ("请问一下花呗为什么冻结了", "花呗为什么冻结了"), ("请问，花呗能用吗", "花呗能用吗"), ("那个我花呗用不了", "我花呗用不了"),
        ("就是我的花呗突然不能用了", "我的花呗突然不能用了"), ("嗯嗯，花呗冻结了", "花呗冻结了"), ("额，花呗关了", "花呗关了"),
        ("emmm 花呗冻结了", "花呗冻结了"), ("Hmm, 芝麻分低", "芝麻分低"), ("你好，我花呗被冻结了", "我花呗被冻结了"),
        ("您好！请问一下，花呗冻结了", "花呗冻结了"), ("你好请问花呗冻结了", "花呗冻结了"), ("你好你好", "你好"), ("你好 hi", "hi"),
    ])
    func stripped(text: String, expected: String) {
        #expect(features(text) == expected)
    }

    @Test("a message that is only an opener, or whose opener is part of what it says, is kept whole", arguments: [
        "你好", "您好", "你好呀", "您好客服", "你好👋", "嗯嗯", "嗯对", "嗯呢", "额度没了", "额", "就是", "就是啊", "请问",
        "请问一下", "那个", "emmm", "hmm", "emma 你好", "你好，", "你好，谢",
    ])
    func kept(text: String) {
        let normalized = normalizer.normalize(text)
        #expect(normalized.featureStart == 0)
        #expect(normalized.featureTokens.count == normalized.tokens.count)
    }

    @Test("the opener stays in the description, set apart by a boundary")
    func description() {
        let normalized = normalizer.normalize("请问花呗冻结了")
        #expect(normalized.description == "请问 | 花呗冻结了")
        #expect(normalized.featureTokens.first?.text == "花")
    }

    @Test("features of a message with an opener are those of the message alone")
    func sameFeatures() {
        let extractor = FeatureExtractor()
        var with: [UInt64] = []
        var without: [UInt64] = []
        extractor.extract(normalizer.normalize("你好，请问一下，芝麻分降了怎么办"), into: &with)
        extractor.extract(normalizer.normalize("芝麻分降了怎么办"), into: &without)
        #expect(with == without)
        #expect(extractor.namedFeatures(normalizer.normalize("请问芝麻分")).map(\.name).allSatisfy { !$0.contains("请") })
    }
}
