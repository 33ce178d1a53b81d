import Testing
@testable import Classifier

@Suite("IntentClassifier")
struct IntentClassifierTests {
    static let examples: [TrainingExample] = [
        ("overdue", ["花呗逾期了", "逾期还款了怎么办", "借呗逾期影响花呗吗", "逾期还清了还是用不了", "晚还了几天逾期"]),
        ("credit_score", ["芝麻分降了", "芝麻信用分低于600", "芝麻分太低了", "信用分下降花呗关了", "芝麻分不够"]),
        ("greeting", ["你好", "在吗", "您好", "hello", "有人吗"]),
        ("out_of_scope", ["今天天气怎么样", "讲个笑话", "怎么开通余额宝", "火车票怎么买", "你是谁"]),
    ].flatMap { intent, texts in texts.map { TrainingExample(intent: intent, text: $0) } }

    static let classifier: IntentClassifier = {
        do { return try IntentClassifier(examples: examples) } catch { fatalError("\(error)") }
    }()

    @Test("learns the training examples")
    func learnsExamples() {
        for example in Self.examples {
            #expect(Self.classifier.classify(example.text).best.intent == example.intent, "\(example.text)")
        }
    }

    @Test("generalises to unseen wording, typos and pinyin", arguments: [
        ("我的花呗遇期了", "overdue"), ("huabei yuqi le", "overdue"), ("芝麻份低", "credit_score"), ("zhimafen jiang le", "credit_score"),
    ])
    func generalises(text: String, intent: String) {
        #expect(Self.classifier.classify(text).best.intent == intent)
    }

    @Test("openers and spaces change nothing, and a lone greeting is still a greeting", arguments: [
        ("你好，芝麻分降了", "credit_score"), ("请问一下，花呗遇期了怎么办", "overdue"), ("芝 麻 分 降 了", "credit_score"),
        ("你好", "greeting"), ("您好", "greeting"), ("嗯嗯，你好", "greeting"),
    ])
    func openersAndSpaces(text: String, intent: String) {
        #expect(Self.classifier.classify(text).best.intent == intent)
    }

    @Test("confidences are a probability distribution over every intent, ranked")
    func ranking() {
        let result = Self.classifier.classify("花呗逾期了")
        #expect(result.ranking.count == 4)
        #expect(abs(result.ranking.map(\.confidence).reduce(0, +) - 1) < 1e-4)
        #expect(zip(result.ranking, result.ranking.dropFirst()).allSatisfy { $0.confidence >= $1.confidence })
    }

    @Test("training is deterministic")
    func deterministic() throws {
        let again = try IntentClassifier(examples: Self.examples)
        for text in ["花呗逾期了吗", "芝麻", "hello there", "随便说点什么"] {
            #expect(again.classify(text) == Self.classifier.classify(text))
        }
    }

    @Test("the explanation names the n-grams that pushed towards the intent")
    func explanation() {
        let contributions = Self.classifier.explain("花呗逾期了怎么办", intent: "overdue")
        #expect(!contributions.isEmpty)
        #expect(contributions.contains { $0.ngram.contains("逾期") || $0.ngram.contains("[yu qi]") })
        #expect(zip(contributions, contributions.dropFirst()).allSatisfy { $0.weight >= $1.weight })
    }

    @Test("empty and emoji-only input is flagged empty, never a crash", arguments: ["", "😭", "！！！", String(repeating: "🙏", count: 5_000)])
    func empty(text: String) {
        let result = Self.classifier.classify(text)
        #expect(result.isEmpty)
        #expect(DecisionPolicy().decide(result) == .outOfScope(.empty))
    }

    @Test("very long input is classified")
    func veryLong() {
        let result = Self.classifier.classify(String(repeating: "芝麻分降了", count: 2_000))
        #expect(result.best.intent == "credit_score")
    }

    @Test("refuses to train without examples or with a single intent")
    func trainingErrors() {
        #expect(throws: ClassifierError.noExamples) { try IntentClassifier(examples: []) }
        #expect(throws: ClassifierError.singleIntent("a")) {
            try IntentClassifier(examples: [TrainingExample(intent: "a", text: "x"), TrainingExample(intent: "a", text: "y")])
        }
    }
}
