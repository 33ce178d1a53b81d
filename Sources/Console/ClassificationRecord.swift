public import Classifier

/// One line of `huabei-bot classify --jsonl`: a message and what the classifier made of it.
public struct ClassificationRecord: Sendable, Equatable, Codable {
    public var text: String
    /// The decided intent: the best intent, or out_of_scope when not confident.
    public var intent: String
    /// Confidence of the best-ranked intent.
    public var confidence: Double
    /// `intent`, `ambiguous` or `out_of_scope`.
    public var decision: String
    /// All intents, most likely first.
    public var ranking: [Classification.Score]
    /// The n-grams that weighed most, when asked for.
    public var explanation: [FeatureContribution]?

    public init(text: String, classification: Classification, policy: DecisionPolicy, explanation: [FeatureContribution]? = nil) {
        self.text = text
        self.intent = policy.resolvedIntent(classification)
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

    /// The record as one JSON line (keys sorted, like `JSONLines`), written without Foundation's encoder
    /// because `classify --jsonl` prints one per input line at full speed.
    public var jsonLine: [UInt8] {
        var writer = JSONWriter()
        writer.raw("{\"confidence\":")
        writer.number(confidence)
        writer.raw(",\"decision\":")
        writer.string(decision)
        if let explanation {
            writer.raw(",\"explanation\":[")
            for (index, contribution) in explanation.enumerated() {
                if index > 0 { writer.raw(",") }
                writer.raw("{\"ngram\":")
                writer.string(contribution.ngram)
                writer.raw(",\"weight\":")
                writer.number(contribution.weight)
                writer.raw("}")
            }
            writer.raw("]")
        }
        writer.raw(",\"intent\":")
        writer.string(intent)
        writer.raw(",\"ranking\":[")
        for (index, score) in ranking.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.raw("{\"confidence\":")
            writer.number(score.confidence)
            writer.raw(",\"intent\":")
            writer.string(score.intent)
            writer.raw("}")
        }
        writer.raw("],\"text\":")
        writer.string(text)
        writer.raw("}")
        return writer.bytes
    }
}
