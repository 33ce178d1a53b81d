public import Classifier
public import Dialogue

/// One line of `huabei-bot repl --jsonl`: a message, how it was understood, and the bot's reply.
public struct TurnRecord: Sendable, Equatable, Codable {
    public var text: String
    public var intent: String
    /// The off-topic subject when the intent is out_of_scope (`jiebei`, `repayment` …), else nil (left out).
    public var topic: String?
    public var confidence: Double
    public var ranking: [Classification.Score]
    public var reply: String
    public var replyKey: String
    public var state: ConversationState
    /// What the safety screen warned about (`scam`, `sensitive_data`); nil (left out) when nothing.
    public var notices: [SafetyNotice]?

    enum CodingKeys: String, CodingKey {
        case text, intent, topic, confidence, ranking, reply
        case replyKey = "reply_key"
        case state, notices
    }

    public init(text: String, turn: DialogueTurn) {
        self.text = text
        self.intent = turn.decisionIntent
        self.topic = turn.decisionIntent == IntentCatalog.outOfScope ? turn.classification.topic : nil
        self.confidence = ClassificationRecord.round(turn.classification.best.confidence)
        self.ranking = turn.classification.ranking.map { .init(intent: $0.intent, confidence: ClassificationRecord.round($0.confidence)) }
        self.reply = turn.reply
        self.replyKey = turn.replyKey
        self.state = turn.state
        self.notices = turn.notices.isEmpty ? nil : turn.notices
    }
}
