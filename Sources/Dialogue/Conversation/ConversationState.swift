public import Foundation

/// Everything the bot remembers about one chat between messages. A plain value: the daemon stores it as
/// JSON and restores it after a restart.
public struct ConversationState: Sendable, Equatable, Codable {
    /// The intent of the last message the bot acted on.
    public var lastIntent: String?
    /// The question the bot is waiting for an answer to.
    public var pending: PendingQuestion?
    /// Where the diagnosis flow stands, once started.
    public var diagnosis: DiagnosisProgress?
    /// The cause being discussed: its answer (or one of its follow-up branches) was the last reply. Questions
    /// such as "how long until it works" are answered for it.
    public var topic: String?
    /// When the chat last said something; after the idle timeout the state is forgotten.
    public var lastActivity: Date?
    /// Messages handled in this conversation.
    public var turns: Int

    public init(
        lastIntent: String? = nil, pending: PendingQuestion? = nil, diagnosis: DiagnosisProgress? = nil,
        topic: String? = nil, lastActivity: Date? = nil, turns: Int = 0
    ) {
        self.lastIntent = lastIntent
        self.pending = pending
        self.diagnosis = diagnosis
        self.topic = topic
        self.lastActivity = lastActivity
        self.turns = turns
    }

    /// Where the dialogue stands, for logs: the pending question's key, or `idle`.
    public var step: String { pending?.key ?? "idle" }

    /// True when the chat has been silent longer than `timeout`.
    public func isExpired(at now: Date, timeout: TimeInterval) -> Bool {
        guard let lastActivity else { return false }
        return now.timeIntervalSince(lastActivity) > timeout
    }
}

/// A question the bot asked and is waiting for an answer to.
public enum PendingQuestion: Sendable, Equatable, Codable {
    /// A diagnosis yes/no question about one cause; the numbered causes may also be chosen.
    case probe(cause: String)
    /// An intent's own yes/no follow-up question.
    case followUp(id: String)
    /// A numbered choice: the menu after a message was not understood, or two close intents.
    case choice(options: [String], kind: ChoiceKind)

    /// Why a numbered choice was offered.
    public enum ChoiceKind: String, Sendable, Codable {
        case menu
        case clarify
    }

    /// The reply key of the question, e.g. `diagnose.ask_cash_out`, `overdue.repaid`, `menu`.
    public var key: String {
        switch self {
        case .probe(let cause): "diagnose.ask_\(cause)"
        case .followUp(let id): id
        case .choice(_, let kind): kind.rawValue
        }
    }
}

/// Progress through the diagnosis questions.
public struct DiagnosisProgress: Sendable, Equatable, Codable {
    /// Causes the user said no to, or asked past ("other causes?").
    public var ruledOut: [String]
    /// Causes the user was not sure about (`不知道`): told how to find out, and not asked again.
    public var unsure: [String]
    /// The cause found, if any.
    public var confirmed: String?

    public init(ruledOut: [String] = [], unsure: [String] = [], confirmed: String? = nil) {
        self.ruledOut = ruledOut
        self.unsure = unsure
        self.confirmed = confirmed
    }

    private enum CodingKeys: String, CodingKey {
        case ruledOut, unsure, confirmed
    }

    /// Reads states stored before `unsure` existed as well.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ruledOut = try container.decode([String].self, forKey: .ruledOut)
        unsure = try container.decodeIfPresent([String].self, forKey: .unsure) ?? []
        confirmed = try container.decodeIfPresent(String.self, forKey: .confirmed)
    }

    /// Causes the diagnosis does not ask about again.
    var settled: [String] { ruledOut + unsure }
}
