public import TurnLog

/// One entry of the review queue: a group of near-duplicate messages the bot did not understand.
public struct ReviewItem: Sendable, Equatable {
    /// The group's most frequent message: what is added as an example.
    public var text: String
    /// Messages in the group, repeats included.
    public var count: Int
    /// Every distinct message, most frequent first, with its count.
    public var messages: [(text: String, count: Int)]
    /// The messages' normalised forms.
    public var keys: [String]
    /// What the bot logged the last time it saw `text`: its decided intent, the decision and confidence.
    public var loggedIntent: String
    public var loggedDecision: String
    public var loggedConfidence: Double
    public var loggedRunnerUp: TurnLogRecord.RankedIntent?

    public init(
        text: String, count: Int, messages: [(text: String, count: Int)], keys: [String], loggedIntent: String, loggedDecision: String,
        loggedConfidence: Double, loggedRunnerUp: TurnLogRecord.RankedIntent?
    ) {
        self.text = text
        self.count = count
        self.messages = messages
        self.keys = keys
        self.loggedIntent = loggedIntent
        self.loggedDecision = loggedDecision
        self.loggedConfidence = loggedConfidence
        self.loggedRunnerUp = loggedRunnerUp
    }

    public static func == (lhs: ReviewItem, rhs: ReviewItem) -> Bool {
        lhs.text == rhs.text && lhs.count == rhs.count && lhs.keys == rhs.keys
            && lhs.messages.map(\.text) == rhs.messages.map(\.text) && lhs.messages.map(\.count) == rhs.messages.map(\.count)
    }
}
