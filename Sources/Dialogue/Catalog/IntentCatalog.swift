public import Classifier

/// Everything in `Intents/`: the intents, the dialogue texts and the lexicon, validated together.
public struct IntentCatalog: Sendable, Equatable {
    /// Intents in id order.
    public var intents: [IntentDefinition]
    public var responses: ResponseTexts
    public var lexicon: DialogueLexicon

    /// Ids the dialogue engine relies on; a catalog without them is refused.
    public static let requiredIntents = ["affirm", "deny", "out_of_scope"]
    /// The fallback intent's id.
    public static let outOfScope = "out_of_scope"

    private var indexByID: [String: Int]
    private var followUpByID: [String: FollowUp]

    public init(intents: [IntentDefinition], responses: ResponseTexts, lexicon: DialogueLexicon) {
        self.intents = intents.sorted { $0.id < $1.id }
        self.responses = responses
        self.lexicon = lexicon
        self.indexByID = Dictionary(self.intents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var followUps: [String: FollowUp] = [:]
        for intent in self.intents {
            for followUp in intent.followUps where followUps[followUp.id] == nil { followUps[followUp.id] = followUp }
        }
        self.followUpByID = followUps
    }

    /// The intent with `id`.
    public func intent(_ id: String) -> IntentDefinition? {
        indexByID[id].map { intents[$0] }
    }

    /// The follow-up question with `id`, and the intent it belongs to.
    public func followUp(_ id: String) -> FollowUp? {
        followUpByID[id]
    }

    /// The intent that asks the follow-up `id`.
    public func owner(ofFollowUp id: String) -> IntentDefinition? {
        intents.first { $0.followUps.contains { $0.id == id } }
    }

    /// The overview intent with its diagnosis flow, if the catalog has one.
    public var overview: IntentDefinition? {
        intents.first { $0.diagnosis != nil }
    }

    /// Every example as a training pair. The examples of an off-topic subject (a `fallback` intent other than
    /// out_of_scope) are out_of_scope examples with that subject as their topic.
    public var trainingExamples: [TrainingExample] {
        intents.flatMap { intent in
            let topic = isTopic(intent) ? intent.id : nil
            return intent.examples.map { TrainingExample(intent: topic == nil ? intent.id : Self.outOfScope, text: $0.text, topic: topic) }
        }
    }

    /// Whether `intent` is an off-topic subject: a `fallback` intent other than out_of_scope. The classifier learns it
    /// as a class of its own but reports out_of_scope with it as the topic; its reply points to the right place.
    public func isTopic(_ intent: IntentDefinition) -> Bool {
        intent.category == .fallback && intent.id != Self.outOfScope
    }

    /// The intent ids the classifier reports: every intent except the off-topic subjects.
    public var reportedIntents: [String] {
        intents.filter { !isTopic($0) }.map(\.id)
    }
}
