import Testing
@testable import Classifier

@Suite("DecisionPolicy")
struct DecisionPolicyTests {
    func classification(_ scores: [(String, Double)], empty: Bool = false) -> Classification {
        Classification(ranking: scores.map { .init(intent: $0.0, confidence: $0.1) }, normalizedText: "x", isEmpty: empty)
    }

    let policy = DecisionPolicy(outOfScopeIntent: "out_of_scope", confidenceThreshold: 0.5, ambiguityMargin: 0.1)

    @Test("a confident in-scope intent is taken")
    func confident() {
        #expect(policy.decide(classification([("overdue", 0.8), ("cash_out", 0.1), ("out_of_scope", 0.1)])) == .intent("overdue"))
    }

    @Test("the out-of-scope class wins when it ranks first")
    func predictedOutOfScope() {
        #expect(policy.decide(classification([("out_of_scope", 0.6), ("overdue", 0.4)])) == .outOfScope(.predicted))
    }

    @Test("below the threshold the message is out of scope")
    func lowConfidence() {
        #expect(policy.decide(classification([("overdue", 0.3), ("out_of_scope", 0.25), ("cash_out", 0.1)])) == .outOfScope(.lowConfidence))
        #expect(policy.resolvedIntent(classification([("overdue", 0.3), ("out_of_scope", 0.25)])) == "out_of_scope")
    }

    @Test("two close in-scope intents are ambiguous, not guessed")
    func ambiguous() {
        #expect(policy.decide(classification([("overdue", 0.45), ("credit_score", 0.4), ("out_of_scope", 0.15)])) == .ambiguous("overdue", "credit_score"))
    }

    @Test("a close runner-up that is out of scope is not an ambiguity")
    func closeOutOfScope() {
        #expect(policy.decide(classification([("overdue", 0.52), ("out_of_scope", 0.48)])) == .intent("overdue"))
    }

    @Test("empty input is out of scope whatever the scores")
    func empty() {
        #expect(policy.decide(classification([("overdue", 0.9), ("out_of_scope", 0.1)], empty: true)) == .outOfScope(.empty))
    }
}
