import Testing
@testable import Classifier

@Suite("WordReadings")
struct WordReadingsTests {
    let normalizer = TextNormalizer()

    func readings(_ text: String) -> [String] {
        normalizer.normalize(text).tokens.map { PinyinTable.shared.syllables[Int($0.syllable)] }
    }

    @Test("every line of the table is usable: known syllables, one per character, simplified keys")
    func tableIsClean() {
        #expect(WordReadings.shared.problems.isEmpty, "\(WordReadings.shared.problems)")
        let broken = WordReadings(table: "还款 huan\n还清 huan qxng\n還款 huan kuan\n还钱 huan qian", pinyin: .shared)
        #expect(broken.problems.count == 3)
    }

    @Test("words override the per-character reading", arguments: [
        ("还款", ["huan", "kuan"]), ("还清了", ["huan", "qing", "le"]), ("用不了", ["yong", "bu", "liao"]),
        ("重新开通", ["chong", "xin", "kai", "tong"]), ("多长时间", ["duo", "chang", "shi", "jian"]), ("银行卡", ["yin", "hang", "ka"]),
        ("没还", ["mei", "huan"]), ("嗯", ["en"]),
    ])
    func overrides(text: String, expected: [String]) {
        #expect(readings(text) == expected)
    }

    @Test("characters outside the words keep their usual reading")
    func usualReadings() {
        #expect(readings("还是") == ["hai", "shi"])
        #expect(readings("还没还") == ["hai", "mei", "huan"])
        #expect(readings("冻结了") == ["dong", "jie", "le"])
    }

    @Test("a word does not span a boundary")
    func boundaries() {
        #expect(readings("还，款") == ["hai", "", "kuan"])
    }

    @Test("Han text and the pinyin users type for it meet in the pinyin channel")
    func typedPinyinMeetsHan() {
        let han = normalizer.normalize("花呗还款还不上了").tokens.map(\.syllable)
        let typed = normalizer.normalize("huabei huankuan huan bu shang le").tokens.map(\.syllable)
        #expect(han == typed)
    }
}
