import Classifier
import Console
import Foundation
import Testing

@Suite("ClassificationRecord JSON lines")
struct ClassificationRecordTests {
    func record(_ text: String, explanation: [FeatureContribution]? = nil) -> ClassificationRecord {
        let classification = Classification(
            ranking: [.init(intent: "overdue", confidence: 0.91234), .init(intent: "out_of_scope", confidence: 0.08766)],
            normalizedText: text, isEmpty: false
        )
        return ClassificationRecord(text: text, classification: classification, policy: DecisionPolicy(), explanation: explanation)
    }

    @Test("the fast writer's line decodes to the same record as Foundation's encoder writes", arguments: [
        "花呗逾期了", "quote \" backslash \\ tab \t newline \n end", "控制字符\u{01}\u{1F}", "😭🙏", "",
    ])
    func sameAsFoundation(text: String) throws {
        let value = record(text, explanation: [FeatureContribution(ngram: "逾期", weight: 1.23456), FeatureContribution(ngram: "[yu qi]", weight: -0.5)])
        let fast = try JSONDecoder().decode(ClassificationRecord.self, from: Data(value.jsonLine))
        #expect(fast == value)
        let reference = try JSONDecoder().decode(ClassificationRecord.self, from: Data(JSONLines().line(value).utf8))
        #expect(fast == reference)
        #expect(!value.jsonLine.contains(0x0A))
    }

    @Test("numbers are rounded to four decimals without trailing zeros")
    func numbers() throws {
        let line = String(decoding: record("x").jsonLine, as: UTF8.self)
        #expect(line.contains("\"confidence\":0.9123"))
        #expect(line.contains("\"confidence\":0.0877"))
    }
}
