public import Foundation

/// One line of the daemon's turn log (`DATA/logs/turns-YYYY-MM-DD.jsonl`): one handled message.
///
/// The schema is versioned by `v`. Readers must accept older versions and ignore unknown keys; writers
/// always write the current version. Personal data is redacted before it is written: `text` holds the
/// message with phone, ID and card numbers, codes, passwords and e-mail addresses masked (`[phone]` …).
public struct TurnLogRecord: Sendable, Equatable, Codable {
    /// The schema version this code writes.
    public static let currentVersion = 1

    /// Schema version of this line.
    public var v: Int
    /// When the message was handled.
    public var time: Date
    /// `telegram` or `local`.
    public var channel: String
    /// The chat, as the channel identifies it.
    public var chatID: String
    /// The channel's update id (Telegram `update_id`).
    public var updateID: Int64
    /// The user's message, personal data redacted.
    public var text: String
    /// The classifier's decided intent (`out_of_scope` when not understood).
    public var intent: String
    /// Confidence of the best-ranked intent.
    public var confidence: Double
    /// The second-ranked intent and its confidence.
    public var runnerUp: RankedIntent?
    /// The classifier's decision: `intent`, `ambiguous`, or `out_of_scope:<reason>` (`empty`, `predicted`,
    /// `low_confidence`); or one the dialogue made itself: `command:<name>` (`start`, `help`, `reset`, `unknown`;
    /// `intent` is then `command`), `menu_request`, `topic_question:<kinds>` (`how_long`, `what_to_do+why` …: a
    /// question about the cause being discussed), `other_causes`. See ``isDialogueDecision``.
    public var decision: String
    /// Which reply was given (`overdue`, `diagnose.ask_credit_score`, `overdue.repaid.affirm`, …).
    public var replyKey: String
    /// The dialogue step after the turn (`idle`, `diagnose.ask_cash_out`, `overdue.repaid`, …).
    public var step: String
    /// Time from receiving the message to having the reply, in microseconds.
    public var latencyMicroseconds: Int64
    /// Safety notices raised (`sensitive_data`, `scam`).
    public var notices: [String]

    /// The prefixes of the decisions the dialogue makes itself, before or instead of the classifier's.
    public static let dialogueDecisionPrefixes = ["command:", "menu_request", "topic_question", "other_causes"]

    /// True when the dialogue decided this turn itself (a command, a menu request, a question about the cause
    /// being discussed): the message was understood, whatever the classifier made of it.
    public var isDialogueDecision: Bool {
        Self.dialogueDecisionPrefixes.contains { decision.hasPrefix($0) }
    }

    /// An intent with its confidence.
    public struct RankedIntent: Sendable, Equatable, Codable {
        public var intent: String
        public var confidence: Double

        public init(intent: String, confidence: Double) {
            self.intent = intent
            self.confidence = confidence
        }
    }

    enum CodingKeys: String, CodingKey {
        case v, time, channel
        case chatID = "chat_id"
        case updateID = "update_id"
        case text, intent, confidence
        case runnerUp = "runner_up"
        case decision
        case replyKey = "reply_key"
        case step
        case latencyMicroseconds = "latency_us"
        case notices
    }

    public init(
        v: Int = TurnLogRecord.currentVersion, time: Date, channel: String, chatID: String, updateID: Int64,
        text: String, intent: String, confidence: Double, runnerUp: RankedIntent?, decision: String,
        replyKey: String, step: String, latencyMicroseconds: Int64, notices: [String] = []
    ) {
        self.v = v
        self.time = time
        self.channel = channel
        self.chatID = chatID
        self.updateID = updateID
        self.text = text
        self.intent = intent
        self.confidence = confidence
        self.runnerUp = runnerUp
        self.decision = decision
        self.replyKey = replyKey
        self.step = step
        self.latencyMicroseconds = latencyMicroseconds
        self.notices = notices
    }
}
