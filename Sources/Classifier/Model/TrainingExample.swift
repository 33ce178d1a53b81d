/// One labelled message: the intent it means and what the user typed.
public struct TrainingExample: Sendable, Hashable, Codable {
    public var intent: String
    public var text: String
    /// A finer label inside `intent` that the model learns as a class of its own (the off-topic subjects of
    /// out_of_scope: 借呗, closing by choice, repayment …); the classifier still reports `intent`, and names the topic
    /// beside it. Nil for an example of the intent as a whole.
    public var topic: String?

    public init(intent: String, text: String, topic: String? = nil) {
        self.intent = intent
        self.text = text
        self.topic = topic
    }

    /// The class the model learns: the topic when there is one, else the intent.
    public var label: String { topic ?? intent }
}
