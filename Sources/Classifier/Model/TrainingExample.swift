/// One labelled message: the intent it means and what the user typed.
public struct TrainingExample: Sendable, Hashable, Codable {
    public var intent: String
    public var text: String

    public init(intent: String, text: String) {
        self.intent = intent
        self.text = text
    }
}
