import Testing
@testable import Classifier

@Suite("Bulk classification: reused buffers, dense counts and SIMD rows give the same numbers to the bit")
struct BulkClassificationTests {
    static let classifier = IntentClassifierTests.classifier

    /// Tricky input: emoji, full-width, traditional, pinyin, spaces, numbers, empty, punctuation only, invalid-looking
    /// text, a line longer than the normaliser's cut, and messages the model knows.
    static let messages: [String] = [
        "花呗逾期了", "我的花呗遇期了😭😭", "ＨＵＡＢＥＩ　怎么用不了？？", "花唄逾期了怎麼辦", "huabei yuqi le", "zhimafen jiang le",
        "芝 麻 分 降 了", "", "   ", "？？？", "😭🙏", "[捂脸]", "请问一下，花呗遇期了怎么办", "还款13800138000了", "600分",
        "我没逾期，花呗怎么冻了", "有没有逾期", "①②③ ℡ ㈱", "e\u{301}mmm 花呗", "hb dj le", "\u{FFFD}\u{FFFD}",
        String(repeating: "花呗冻结了怎么办，", count: 400), String(repeating: "a", count: 3_000), "emmm 你好",
    ]

    @Test("classify(_:into:) with one reused buffer gives classify(_:)'s confidences, ranking, topic and emptiness")
    func buffersMatchClassify() {
        var buffers = ClassificationBuffers()
        for _ in 0..<2 {  // twice, so the second round reads buffers left by every message
            for text in Self.messages {
                let expected = Self.classifier.classify(text)
                Self.classifier.classify(text, into: &buffers)
                let ranking = buffers.ranking.map { Classification.Score(intent: Self.classifier.intents[$0], confidence: buffers.confidences[$0]) }
                #expect(ranking == expected.ranking, "\(text.prefix(40))")
                #expect(ranking.map(\.confidence.bitPattern) == expected.ranking.map(\.confidence.bitPattern))
                #expect(buffers.topic == expected.topic)
                #expect(buffers.isEmpty == expected.isEmpty)
            }
        }
    }

    @Test("the dense vector equals the sorted one, index for index and bit for bit")
    func denseVectorMatchesSorted() {
        var buffers = ClassificationBuffers()
        for text in Self.messages {
            var hashes: [UInt64] = []
            Self.classifier.extractor.extract(Self.classifier.normalizer.normalize(text), into: &hashes)
            let sorted = SparseVector(hashes: hashes, vocabulary: Self.classifier.vocabulary, idf: Self.classifier.idf)
            SparseVector.build(
                hashes: hashes, vocabulary: Self.classifier.vocabulary, idf: Self.classifier.idf,
                present: &buffers.present, counts: &buffers.counts, indices: &buffers.indices, values: &buffers.values
            )
            #expect(buffers.indices == sorted.indices)
            #expect(buffers.values.map(\.bitPattern) == sorted.values.map(\.bitPattern))
            #expect(buffers.counts.allSatisfy { $0 == 0 } && buffers.present.allSatisfy { $0 == 0 }, "left clean for the next message")
        }
    }

    @Test("SIMD rows equal the scalar loops bit for bit, for class counts around the lane width", arguments: [1, 7, 8, 9, 16, 21, 28, 33])
    func rowArithmetic(classes: Int) {
        var generator = SplitMix64(seed: UInt64(classes))
        func random() -> Float { Float(Int64(bitPattern: generator.next() >> 8) % 2_000_001 - 1_000_000) / 123_457 }
        let features = 50
        let weights = (0..<(features * classes)).map { _ in random() }
        let bias = (0..<classes).map { _ in random() }
        let indices = (0..<30).map { _ in Int32(generator.next() % UInt64(features)) }.sorted()
        let values = indices.map { _ in random() }
        var scores: [Float] = []
        IntentClassifier.scores(indices: indices, values: values, weights: weights, bias: bias, into: &scores)
        let expected = IntentClassifier.scalarScores(indices: indices, values: values, weights: weights, bias: bias)
        #expect(scores.map(\.bitPattern) == expected.map(\.bitPattern))

        var row = weights
        var plain = weights
        let gradients = (0..<classes).map { _ in random() }
        row.withUnsafeMutableBufferPointer { row in
            gradients.withUnsafeBufferPointer { RowArithmetic.descend(row.baseAddress!, decay: 0.999, rate: 0.3, gradients: $0.baseAddress!, value: 0.7, classes: classes) }
        }
        for column in 0..<classes { plain[column] = plain[column] * 0.999 - 0.3 * gradients[column] * 0.7 }
        #expect(row.map(\.bitPattern) == plain.map(\.bitPattern))
    }

    @Test("the ranking is by confidence, ties in name order")
    func rankTies() {
        var ranking: [Int] = []
        IntentClassifier.rank([0.1, 0.3, 0.3, 0.2, 0.1], into: &ranking)
        #expect(ranking == [1, 2, 3, 0, 4])
    }

    @Test("the scalar filter never says no to a member", arguments: [[UInt64(0x82B1), 0x5457, 0x1_0000, 0xFFFF, 0x8000_0000_0001_82B1]])
    func scalarFilter(members: [UInt64]) {
        let filter = ScalarFilter(members)
        for member in members { #expect(filter.mayContain(member)) }
        #expect(!filter.mayContain(0x4E00))
    }
}
