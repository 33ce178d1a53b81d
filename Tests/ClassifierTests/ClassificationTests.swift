import Testing

@testable import Classifier

/// What a classification derives from the normalised text.
@Suite struct ClassificationTests {
    static func classification(_ normalizedText: String) -> Classification {
        Classification(ranking: [.init(intent: "overdue", confidence: 1)], normalizedText: normalizedText, isEmpty: false)
    }

    @Test("the compact text drops boundaries and spaces, keeps everything else byte for byte", arguments: [
        ("代 | 解冻", "代解冻"), (" | 花呗 | | ", "花呗"), ("a | b | c", "abc"), ("a |b", "ab"), ("", ""),
        ("unfreeze service", "unfreezeservice"), ("花呗 | 逾期 | 😀", "花呗逾期😀"),
    ])
    func compactText(normalized: String, compact: String) {
        #expect(Self.classification(normalized).compactText == compact)
    }

    @Test("the compact text of a real message joins what punctuation split")
    func compactTextOfAMessage() throws {
        let classifier = try IntentClassifier(examples: [
            TrainingExample(intent: "freeze", text: "花呗冻结了"), TrainingExample(intent: "greeting", text: "你好"),
        ])
        #expect(classifier.classify("代，解冻！").compactText == "代解冻")
    }
}
