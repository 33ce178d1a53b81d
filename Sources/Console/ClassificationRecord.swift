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
        self.explanation = explanation
    }

    static func round(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
}
