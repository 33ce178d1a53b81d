import Testing
@testable import Classifier

@Suite("TextNormalizer")
struct TextNormalizerTests {
    let normalizer = TextNormalizer(lexicon: NormalizationLexicon(replacements: ["花贝": "花呗", "hb": "花呗", "遇期": "逾期"]))

    @Test("full-width letters and digits become half-width, Latin is lower-cased")
    func fullWidth() {
        #expect(normalizer.normalize("ＡＢＣ").description == "abc")
        #expect(normalizer.normalize("芝麻分６００").description == "芝麻分600")
        #expect(normalizer.normalize("HuaBei").description == "hua bei")
    }

    @Test("traditional characters are simplified")
    func traditional() {
        #expect(normalizer.normalize("花唄凍結了怎麼辦").description == "花呗冻结了怎么办")
    }

    @Test("the lexicon rewrites typos and homophones, Latin keys only as whole words")
    func lexicon() {
        #expect(normalizer.normalize("花贝遇期了").description == "花呗逾期了")
        #expect(normalizer.normalize("hb冻结").description == "花呗冻结")
        #expect(normalizer.normalize("hbo").description == "hbo")
    }

    @Test("typed pinyin becomes syllables, and spaces between pinyin words are not boundaries")
    func pinyin() {
        let text = normalizer.normalize("huabei dongjie le")
        #expect(text.description == "hua bei dong jie le")
        #expect(!text.tokens.contains { $0.isBoundary })
        #expect(text.tokens.allSatisfy { $0.symbol == 0 && $0.syllable != 0 })
    }

    @Test("Han characters carry their pinyin, so homophones share it")
    func homophones() {
        let plain = TextNormalizer()
        let right = plain.normalize("花呗").tokens.map(\.syllable)
        let typo = plain.normalize("花贝").tokens.map(\.syllable)
        #expect(right == typo)
        #expect(right.allSatisfy { $0 != 0 })
    }

    @Test("punctuation and emoji are boundaries, and so are spaces next to Latin words and numbers")
    func boundaries() {
        #expect(normalizer.normalize("花呗，冻结了！😭").description == "花呗 | 冻结了")
        #expect(normalizer.normalize("hello world").description == "hello | world")
        #expect(normalizer.normalize("芝麻分 600").description == "芝麻分 | 600")
        #expect(normalizer.normalize("alipay 花呗").description == "alipay | 花呗")
    }

    @Test("spaces between Han characters are not boundaries", arguments: ["花 呗 冻 结", "花呗 冻结", "花呗　冻结", "花  呗\t冻结"])
    func spacedHan(text: String) {
        let spaced = normalizer.normalize(text)
        #expect(spaced == normalizer.normalize("花呗冻结"))
        #expect(!spaced.tokens.contains { $0.isBoundary })
    }

    @Test("spaced-out typos are still rewritten, before and after the lexicon")
    func spacedLexicon() {
        #expect(normalizer.normalize("花 贝 遇 期").description == "花呗逾期")
        #expect(normalizer.normalize("hb 冻结").description == "花呗冻结")
    }

    @Test("long digit runs are masked, short numbers are kept")
    func digits() {
        #expect(normalizer.normalize("验证码482913").description == "验证码#")
        #expect(normalizer.normalize("低于600分").description == "低于600分")
    }

    @Test("empty, emoji-only and punctuation-only input normalise to nothing", arguments: ["", "   ", "😭😭😭", "？？！！", "👍🏻", "\u{200D}"])
    func empty(input: String) {
        #expect(normalizer.normalize(input).isEmpty)
    }

    @Test("messages over the limit are cut before featurising")
    func longInput() {
        let long = String(repeating: "花呗冻结了", count: 1_000)
        let normalized = TextNormalizer(maxCharacters: 2_000).normalize(long)
        #expect(normalized.tokens.count == 2_000)
    }

    @Test("pinyin segmentation prefers fewer syllables and rejects non-pinyin words")
    func segmentation() {
        let table = PinyinTable.shared
        let xian = table.segment(Array("xian".utf8)[...])
        #expect(xian?.count == 1)
        #expect(table.segment(Array("hello".utf8)[...]) == nil)
        #expect(table.segment(Array("zhimafen".utf8)[...])?.map { table.syllables[Int($0)] } == ["zhi", "ma", "fen"])
    }
}
