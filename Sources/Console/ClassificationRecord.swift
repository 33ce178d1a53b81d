public import Classifier
import JSONWriting

/// One line of `huabei-bot classify --jsonl`: a message and what the classifier made of it.
public struct ClassificationRecord: Sendable, Equatable, Codable {
    public var text: String
    /// The decided intent: the best intent, or out_of_scope when not confident.
    public var intent: String
    /// Confidence of the best-ranked intent.
    public var confidence: Double
    /// `intent`, `ambiguous` or `out_of_scope`.
    public var decision: String
    /// The off-topic subject when the intent is out_of_scope (`jiebei`, `repayment` …), else nil.
    public var topic: String?
    /// All intents, most likely first.
    public var ranking: [Classification.Score]
    /// The n-grams that weighed most, when asked for.
    public var explanation: [FeatureContribution]?

    public init(text: String, classification: Classification, policy: DecisionPolicy, explanation: [FeatureContribution]? = nil) {
        self.text = text
        self.intent = policy.resolvedIntent(classification)
        self.topic = self.intent == policy.outOfScopeIntent ? classification.topic : nil
        self.confidence = classification.best.confidence
        switch policy.decide(classification) {
        case .intent: decision = "intent"
        case .ambiguous: decision = "ambiguous"
        case .outOfScope(let reason): decision = "out_of_scope:\(reason.rawValue)"
        }
        self.ranking = classification.ranking.map { .init(intent: $0.intent, confidence: Self.round($0.confidence)) }
        self.confidence = Self.round(classification.best.confidence)
        self.explanation = explanation?.map { FeatureContribution(ngram: $0.ngram, weight: Self.round($0.weight)) }
    }

    static func round(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

    /// The record as one JSON line (keys sorted, like `JSONLines`; numbers to four decimals), written without
    /// Foundation's encoder because `classify --jsonl` prints one per input line at full speed.
    public var jsonLine: [UInt8] {
        var writer = JSONWriter(capacity: 512)
        writer.beginObject()
        writer.key("confidence")
        writer.value(confidence, decimals: 4)
        writer.key("decision")
        writer.value(decision)
        if let explanation {
            writer.key("explanation")
            writer.beginArray()
            for contribution in explanation {
                writer.beginObject()
                writer.key("ngram")
                writer.value(contribution.ngram)
                writer.key("weight")
                writer.value(contribution.weight, decimals: 4)
                writer.endObject()
            }
            writer.endArray()
        }
        writer.key("intent")
        writer.value(intent)
        writer.key("ranking")
        writer.beginArray()
        for score in ranking {
            writer.beginObject()
            writer.key("confidence")
            writer.value(score.confidence, decimals: 4)
            writer.key("intent")
            writer.value(score.intent)
            writer.endObject()
        }
        writer.endArray()
        writer.key("text")
        writer.value(text)
        if let topic {
            writer.key("topic")
            writer.value(topic)
        }
        writer.endObject()
        return writer.bytes
    }
}
