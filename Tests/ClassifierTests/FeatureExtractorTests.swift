import Testing
@testable import Classifier

@Suite("FeatureExtractor")
struct FeatureExtractorTests {
    let normalizer = TextNormalizer()

    func names(_ text: String, characters: ClosedRange<Int> = 1...3, pinyin: ClosedRange<Int> = 1...3) -> [String] {
        FeatureExtractor(characterOrders: characters, pinyinOrders: pinyin).namedFeatures(normalizer.normalize(text)).map(\.name)
    }

    @Test("character n-grams of every order, with start and end markers")
    func characterNGrams() {
        let features = names("花呗", pinyin: 1...1)
        for expected in ["花", "呗", "^花", "花呗", "呗$", "^花呗", "花呗$"] {
            #expect(features.contains(expected), "missing \(expected)")
        }
        #expect(!features.contains("^"))
    }

    @Test("n-grams do not cross boundaries")
    func boundaries() {
        let features = names("花呗，冻结", characters: 2...2, pinyin: 2...2)
        #expect(features.contains("花呗"))
        #expect(features.contains("冻结"))
        #expect(!features.contains("呗冻"))
    }

    @Test("the pinyin channel gives 花贝 and huabei the features of 花呗")
    func pinyinChannel() {
        let right = Set(names("花呗").filter { $0.hasPrefix("[") })
        #expect(right.contains("[hua bei]"))
        #expect(Set(names("花贝").filter { $0.hasPrefix("[") }) == right)
        #expect(Set(names("huabei").filter { $0.hasPrefix("[") }) == right)
    }

    @Test("a polyphone read by its word: 还款 gives the features of typed huankuan, not hai kuan")
    func polyphones() {
        let han = Set(names("还款").filter { $0.hasPrefix("[") })
        #expect(han.contains("[huan kuan]"))
        #expect(!han.contains("[hai kuan]"))
        #expect(Set(names("huankuan").filter { $0.hasPrefix("[") }) == han)
    }

    @Test("spaced-out Han text has the n-grams of the unspaced text")
    func spacedHan() {
        #expect(Set(names("花 呗 冻 结")) == Set(names("花呗冻结")))
        #expect(names("花 呗 冻 结").contains("呗冻结"))
    }

    @Test("named features hash exactly like the extraction the model uses")
    func hashesAgree() {
        let extractor = FeatureExtractor()
        let text = normalizer.normalize("花呗冻结了 huabei 600")
        var hashes: [UInt64] = []
        extractor.extract(text, into: &hashes)
        let named = extractor.namedFeatures(text).map(\.hash)
        #expect(Set(hashes) == Set(named))
        #expect(hashes.count == named.count)
    }

    @Test("the vocabulary returns the index it assigned and nil for unseen hashes")
    func vocabulary() {
        var vocabulary = FeatureVocabulary(minimumCapacity: 2)
        var indices: [Int] = []
        for hash in 1...5_000 { indices.append(vocabulary.index(inserting: UInt64(hash) &* 0x9E37_79B9_7F4A_7C15)) }
        #expect(indices == Array(0..<5_000))
        #expect(vocabulary.index(of: 77 &* 0x9E37_79B9_7F4A_7C15) == 76)
        #expect(vocabulary.index(of: 123_456_789) == nil)
        #expect(vocabulary.index(inserting: 3 &* 0x9E37_79B9_7F4A_7C15) == 2)
        #expect(vocabulary.count == 5_000)
    }
}
