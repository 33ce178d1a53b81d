public import Classifier

/// The outcome of one message: what to answer, why, and the chat's new state.
public struct DialogueTurn: Sendable, Equatable {
    /// The reply to send.
    public var reply: String
    /// Names the reply given, e.g. `overdue`, `diagnose.ask_credit_score`, `overdue.repaid.affirm`.
    public var replyKey: String
    /// The intent the turn was resolved to (the classifier's decision, or the answer read in context).
    public var intent: String
    /// The classifier's view of the message.
    public var classification: Classification
    /// The decision the policy made from it.
    public var decision: IntentDecision
    /// Safety findings in the message.
    public var notices: [SafetyNotice]
    /// The message with personal data masked (`[phone]`, `[id_number]`, `[code]` …): what logs may show.
    public var redactedText: String
    /// The state to keep for the next message.
    public var state: ConversationState
    /// Whether the classifier's decision drove the turn, or the dialogue decided itself (a command, a menu
    /// request, a question about the cause being discussed).
    public var handling: TurnHandling = .classified

    /// Where the dialogue stands after this turn.
    public var step: String { state.step }
}

/// Who decided what a message meant.
public enum TurnHandling: Sendable, Equatable {
    /// The classifier's decision, read in the context of the pending question.
    case classified
    /// A `/command`, read before the classifier: `start`, `help`, `reset`, another the responses file defines,
    /// or `unknown`.
    case command(String)
    /// Words asking for the menu (`菜单`, `你能做什么`).
    case menuRequest
    /// Questions about the cause being discussed, by kind (`how_long`), answered for that cause.
    case topicQuestion(cause: String, kinds: [String])
    /// "Are there other causes?" about the cause being discussed: the diagnosis resumed without it.
    case otherCauses(after: String)

    /// The turn log's `decision` for a turn the dialogue decided itself: `command:start`, `menu_request`,
    /// `topic_question:how_long`, `other_causes`; nil for the classifier's decisions.
    public var logDecision: String? {
        switch self {
        case .classified: nil
        case .command(let name): "command:\(name)"
        case .menuRequest: "menu_request"
        case .topicQuestion(_, let kinds): "topic_question:\(kinds.joined(separator: "+"))"
        case .otherCauses: "other_causes"
        }
    }
}

/// Something in a message the bot warned about.
public enum SafetyNotice: String, Sendable, Equatable, Codable {
    /// A password, verification code, or full ID or card number.
    case sensitiveData = "sensitive_data"
    /// A paid unfreezing service or a cash-out agent.
    case scam
}

extension DialogueTurn {
    /// The classifier's own decision for the message, before context: what logs and the REPL report as
    /// the intent (`是的` is `affirm` even when it confirms a cause).
    public var decisionIntent: String {
        switch decision {
        case .intent(let intent), .ambiguous(let intent, _): intent
        case .outOfScope: IntentCatalog.outOfScope
        }
    }
}
