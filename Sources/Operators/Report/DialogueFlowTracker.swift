import Foundation
import TurnLog

/// Follows each chat through its turns to count diagnosis flows and follow-up answers, which no single
/// line shows: a flow's end, and what a "yes" answered, depend on the turns before it.
///
/// From the logged `reply_key` and `step`:
/// - a flow starts when a chat's step becomes `diagnose.ask_<cause>` (the overview's reply, or a probe);
///   the overview's reply while a flow is open restarts it;
/// - a reply key naming a cause confirms that cause; a later step back into `diagnose.ask_…` (a follow-up
///   whose answer resumes the diagnosis) withdraws it;
/// - `diagnose.no_cause` ends the flow with every cause ruled out;
/// - a flow still open when its chat goes silent for the idle timeout, or at the end of the logs, ended on
///   its confirmed cause, or was abandoned.
///
/// A follow-up question is a step other than `idle`, `menu`, `clarify` and `diagnose.…`. The next turn of
/// the chat answers it: `<question>.affirm` or `.deny` as reply key is yes or no, `<question>.reprompt`
/// is unclear; otherwise (a branch without a reply of its own) the logged intent `affirm` or `deny`
/// decides, and anything else is a change of subject.
struct DialogueFlowTracker {
    private struct Chat {
        var lastStep: String
        var lastTime: Date
        var flow: Flow?
    }

    private struct Flow {
        var confirmed: String?
    }

    private let overviewIntent: String
    private let idleTimeout: TimeInterval
    private var causes: Set<String>
    private var chats: [UInt64: Chat] = [:]
    private var latest = Date.distantPast
    private var turnsSinceSweep = 0

    private(set) var started = 0
    private(set) var reached: [String: Int] = [:]
    private(set) var noCause = 0
    private(set) var abandoned = 0
    private(set) var followUps: [String: OperatorReport.FollowUpAnswers] = [:]

    static let probePrefix = "diagnose.ask_"
    static let noCauseKey = "diagnose.no_cause"

    init(overviewIntent: String, causes: [String], idleTimeout: TimeInterval) {
        self.overviewIntent = overviewIntent
        self.causes = Set(causes)
        self.idleTimeout = idleTimeout
    }

    mutating func add(_ record: TurnLogRecord, chat key: UInt64) {
        var chat = chats[key]
        if let previous = chat, record.time.timeIntervalSince(previous.lastTime) > idleTimeout {
            finish(previous.flow)
            chat = nil
        }
        let previousStep = chat?.lastStep ?? "idle"
        // A question about the cause being discussed leaves its follow-up question open: the next turn answers it.
        let keepsQuestionOpen = record.decision.hasPrefix("topic_question") && record.step == previousStep
        if Self.isFollowUpQuestion(previousStep), !keepsQuestionOpen {
            countAnswer(to: previousStep, record)
        }

        let step = record.step
        let entersProbe = step.hasPrefix(Self.probePrefix)
        if entersProbe {
            causes.insert(String(step.dropFirst(Self.probePrefix.count)))
        }
        var flow = chat?.flow
        if entersProbe, flow == nil || record.replyKey == overviewIntent {
            finish(flow)
            flow = Flow()
            started += 1
        } else if var open = flow {
            if record.replyKey == Self.noCauseKey {
                noCause += 1
                flow = nil
            } else if open.confirmed == nil {
                if causes.contains(record.replyKey) { open.confirmed = record.replyKey }
                flow = open
            } else if entersProbe {
                open.confirmed = nil
                flow = open
            }
        }
        chats[key] = Chat(lastStep: step, lastTime: record.time, flow: flow)

        latest = max(latest, record.time)
        turnsSinceSweep += 1
        if turnsSinceSweep >= 50_000 { sweep() }
    }

    /// Ends the flows still open, as at the end of the logs.
    mutating func finishAll() {
        for chat in chats.values { finish(chat.flow) }
        chats = [:]
    }

    private mutating func finish(_ flow: Flow?) {
        guard let flow else { return }
        if let cause = flow.confirmed {
            reached[cause, default: 0] += 1
        } else {
            abandoned += 1
        }
    }

    /// Forgets chats silent longer than the idle timeout, so memory follows the chats active at once,
    /// not all chats ever seen.
    private mutating func sweep() {
        turnsSinceSweep = 0
        let cutoff = latest.addingTimeInterval(-idleTimeout)
        for (key, chat) in chats where chat.lastTime < cutoff {
            finish(chat.flow)
            chats[key] = nil
        }
    }

    private mutating func countAnswer(to question: String, _ record: TurnLogRecord) {
        var answers = followUps[question] ?? .init(question: question, yes: 0, no: 0, unclear: 0, other: 0)
        switch record.replyKey {
        case question + ".affirm": answers.yes += 1
        case question + ".deny": answers.no += 1
        case question + ".reprompt": answers.unclear += 1
        default:
            switch record.intent {
            case "affirm": answers.yes += 1
            case "deny": answers.no += 1
            default: answers.other += 1
            }
        }
        followUps[question] = answers
    }

    static func isFollowUpQuestion(_ step: String) -> Bool {
        switch step {
        case "idle", "menu", "clarify", "": false
        default: !step.hasPrefix("diagnose.")
        }
    }
}
