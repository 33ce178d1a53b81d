import Classifier
import Testing

@Suite("Topics inside an intent")
struct TopicTests {
    /// Trained once for the suite: a tiny set, so it costs nothing.
    static let classifier: IntentClassifier = {
        let examples = [
            TrainingExample(intent: "freeze", text: "花呗被冻结了"),
            TrainingExample(intent: "freeze", text: "花呗用不了了"),
            TrainingExample(intent: "freeze", text: "花呗被停用了"),
            TrainingExample(intent: "oos", text: "借呗怎么借钱", topic: "jiebei"),
            TrainingExample(intent: "oos", text: "借呗额度多少", topic: "jiebei"),
            TrainingExample(intent: "oos", text: "借呗利息高吗", topic: "jiebei"),
            TrainingExample(intent: "oos", text: "花呗怎么还款", topic: "repayment"),
            TrainingExample(intent: "oos", text: "花呗账单在哪看", topic: "repayment"),
            TrainingExample(intent: "oos", text: "今天天气怎么样"),
        ]
        do { return try IntentClassifier(examples: examples) } catch { fatalError("\(error)") }
    }()

    @Test("an intent learnt as topics is reported as the intent, its confidence the sum, with the topic beside it")
    func reportsTheIntent() {
        let classification = Self.classifier.classify("借呗的利息怎么算")
        #expect(Self.classifier.intents == ["freeze", "oos"])
        #expect(classification.ranking.map(\.intent).sorted() == ["freeze", "oos"])
        #expect(classification.best.intent == "oos")
        #expect(classification.topic == "jiebei")
        #expect(abs(classification.ranking.map(\.confidence).reduce(0, +) - 1) < 1e-6)
        #expect(Self.classifier.classify("花呗的账单怎么还").topic == "repayment")
    }

    @Test("no topic when an intent without topics wins; explain follows the best topic")
    func noTopicOutside() {
        let classification = Self.classifier.classify("花呗被冻结")
        #expect(classification.best.intent == "freeze")
        #expect(classification.topic == nil)
        #expect(!Self.classifier.explain("借呗利息", intent: "oos").isEmpty)
    }

    @Test("a topic may not share its name with an intent")
    func topicClash() {
        #expect(throws: ClassifierError.topicClash("freeze")) {
            try IntentClassifier(examples: [
                TrainingExample(intent: "freeze", text: "a"), TrainingExample(intent: "oos", text: "b", topic: "freeze"),
            ])
        }
    }
}
