import Testing

@testable import Classifier

@Suite("Key concepts")
struct KeyConceptsTests {
    let normalizer = TextNormalizer()

    func names(_ text: String) -> [String] {
        var units: [(key: UInt64, name: String)] = []
        KeyConcepts.shared.units(KeyConcepts.shared.present(in: normalizer.normalize(text)), into: &units)
        return units.map(\.name)
    }

    @Test("a message gives its concepts, their pairs, and the one product it names")
    func concepts() {
        let names = names("借呗被关了")
        #expect(names.contains("{借呗}"))
        #expect(names.contains("{借呗+关闭}"))
        #expect(names.contains("{only 借呗}"))
        #expect(!names.contains("{花呗}"))
    }

    @Test("two products: no 'only' feature, a pair of them instead")
    func twoProducts() {
        let names = names("花呗和借呗都用不了")
        #expect(names.contains("{花呗+借呗}"))
        #expect(!names.contains { $0.hasPrefix("{only") })
    }

    @Test("a negated concept does not count, and pinyin has none")
    func negatedAndPinyin() {
        #expect(!names("我没逾期").contains("{逾期}"))
        #expect(names("花呗逾期了").contains("{逾期}"))
        #expect(names("huabei yuqi").isEmpty)
    }

    @Test("the features a message gets are the ones its explanation names")
    func keysMatchNames() {
        let extractor = FeatureExtractor()
        let text = normalizer.normalize("花呗被冻结了怎么恢复")
        var hashes: [UInt64] = []
        extractor.extract(text, into: &hashes)
        let named = extractor.namedFeatures(text).filter { $0.name.hasPrefix("{") }
        #expect(!named.isEmpty)
        #expect(named.allSatisfy { hashes.contains($0.hash) })
    }
}
