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

    /// Every example as a training pair.
    public var trainingExamples: [TrainingExample] {
        intents.flatMap { intent in intent.examples.map { TrainingExample(intent: intent.id, text: $0.text) } }
    }
}
