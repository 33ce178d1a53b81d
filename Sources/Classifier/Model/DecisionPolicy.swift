/// Turns a ranking into what the bot should do: answer an intent, admit it did not understand, or ask
/// which of two close intents the user meant.
public struct DecisionPolicy: Sendable, Equatable {
    /// The trained catch-all intent.
    public var outOfScopeIntent: String
    /// Below this confidence the best intent is not trusted and the message counts as out of scope.
    public var confidenceThreshold: Double
    /// When the top two in-scope intents are closer than this, the bot asks instead of guessing.
    public var ambiguityMargin: Double

    public init(outOfScopeIntent: String = "out_of_scope", confidenceThreshold: Double = 0.45, ambiguityMargin: Double = 0.15) {
        self.outOfScopeIntent = outOfScopeIntent
        self.confidenceThreshold = confidenceThreshold
        self.ambiguityMargin = ambiguityMargin
    }

    /// The decision for one classification.
    public func decide(_ classification: Classification) -> IntentDecision {
        decide(best: classification.best, runnerUp: classification.runnerUp, isEmpty: classification.isEmpty)
    }

    /// The decision for a classification given by its two best intents: what ``decide(_:)`` reads of it.
    public func decide(best: Classification.Score, runnerUp: Classification.Score?, isEmpty: Bool) -> IntentDecision {
        if isEmpty { return .outOfScope(.empty) }
        if best.intent == outOfScopeIntent { return .outOfScope(.predicted) }
        if let second = runnerUp, second.intent != outOfScopeIntent,
           best.confidence - second.confidence < ambiguityMargin,
           best.confidence + second.confidence >= confidenceThreshold {
            return .ambiguous(best.intent, second.intent)
        }
        if best.confidence < confidenceThreshold { return .outOfScope(.lowConfidence) }
        return .intent(best.intent)
    }

    /// The single intent the decision amounts to, for evaluation: the best intent, or out of scope.
    public func resolvedIntent(_ classification: Classification) -> String {
        switch decide(classification) {
        case .intent(let intent), .ambiguous(let intent, _): intent
        case .outOfScope: outOfScopeIntent
        }
    }
}

/// What the bot makes of a message.
public enum IntentDecision: Sendable, Equatable {
    /// Confident in one intent.
    case intent(String)
    /// Two intents are too close to call: ask the user which one.
    case ambiguous(String, String)
    /// Not something the bot handles, or not understood.
    case outOfScope(OutOfScopeReason)
}

/// Why a message counted as out of scope.
public enum OutOfScopeReason: String, Sendable, Equatable, Codable {
    /// Nothing classifiable was left after normalisation.
    case empty
    /// The model's best intent is the out-of-scope class.
    case predicted
    /// The best intent's confidence is under the threshold.
    case lowConfidence = "low_confidence"
}
