public import Dialogue
import Classifier
public import Foundation

/// The local REPL's logic, independent of the terminal: feeds messages to the dialogue engine, keeps the
/// chat state, and answers the `:` commands. `REPLRunner` connects it to a terminal or to stdin.
public struct REPLSession: Sendable {
    public let engine: DialogueEngine
    /// The chat's state between messages.
    public private(set) var state = ConversationState()
    /// The last message sent to the bot, for `:explain`.
    public private(set) var lastMessage: String?

    public init(engine: DialogueEngine) {
        self.engine = engine
    }

    /// What one input line produced.
    public enum Output: Sendable, Equatable {
        /// The bot answered a message.
        case turn(DialogueTurn, text: String)
        /// A command's text output.
        case info(String)
        /// The user asked to leave.
        case quit
    }

    public static let help = """
        Type a message as a user would (中文, pinyin, emoji…). Commands:
          :explain [text]  the n-grams behind the last message's intent (or behind text), and the scam screen's verdict
          :state           the chat state the bot keeps (JSON)
          :reset           forget the conversation and start again
          :help            this help
          :quit            leave (Ctrl-D works too)
        """

    /// Handles one line: a message, or a command starting with `:`.
    public mutating func handle(_ line: String, at now: Date = Date()) -> Output {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix(":") {
            return command(trimmed)
        }
        let turn = engine.respond(to: line, state: state, at: now)
        state = turn.state
        lastMessage = line
        return .turn(turn, text: line)
    }

    private mutating func command(_ line: String) -> Output {
        let parts = line.split(separator: " ", maxSplits: 1)
        let argument = parts.count > 1 ? String(parts[1]) : nil
        switch parts.first.map(String.init) ?? "" {
        case ":quit", ":q", ":exit":
            return .quit
        case ":help", ":h", ":?":
            return .info(Self.help)
        case ":reset":
            state = ConversationState()
            lastMessage = nil
            return .info("(conversation reset)")
        case ":state":
            return .info(JSONLines().line(state))
        case ":explain":
            guard let text = argument ?? lastMessage else { return .info("(nothing to explain yet: send a message first, or :explain TEXT)") }
            return .info(explanation(of: text))
        default:
            return .info("unknown command \(line); :help lists the commands")
        }
    }

    /// The classifier's view of `text`: normalised form, decision, ranking and the strongest n-grams, then the scam
    /// screen's verdict.
    public func explanation(of text: String) -> String {
        let classification = engine.classifier.classify(text)
        let decision = engine.policy.decide(classification)
        let topic = classification.topic.map { ", topic \($0)" } ?? ""
        var lines = ["text:       \(text)", "normalised: \(classification.normalizedText)", "decision:   \(Self.describe(decision, policy: engine.policy))\(topic)"]
        for score in classification.ranking.prefix(3) {
            let ngrams = engine.classifier.explain(text, intent: score.intent, limit: 6)
                .map { String(format: "%@ %+.2f", $0.ngram, $0.weight) }.joined(separator: ", ")
            lines.append(String(format: "  %@ %.3f  ← %@", score.intent, score.confidence, ngrams.isEmpty ? "(no known n-grams)" : ngrams))
        }
        if let scam = scamExplanation(of: text) { lines.append(scam) }
        return lines.joined(separator: "\n")
    }

    /// Why the scam warning is or is not given: the word lists' verdict and the learned detector's probability
    /// against its threshold (nil when the lexicon has neither lists nor detector to ask).
    func scamExplanation(of text: String) -> String? {
        let listsWarn = engine.scamListsMatch(text)
        guard let detector = engine.scamDetector else {
            return listsWarn ? "scam:       warned (word lists)" : nil
        }
        let probability = detector.probability(engine.classifier.normalizer.normalize(text))
        let verdict = listsWarn || probability >= detector.threshold ? "warned" : "not warned"
        return String(
            format: "scam:       %@ (word lists: %@; detector %.2f, warns at ≥ %.2f)", verdict, listsWarn ? "match" : "no match",
            probability, detector.threshold)
    }

    static func describe(_ decision: IntentDecision, policy: DecisionPolicy) -> String {
        switch decision {
        case .intent(let intent): intent
        case .ambiguous(let first, let second): "ambiguous between \(first) and \(second) (margin < \(policy.ambiguityMargin))"
        case .outOfScope(.empty): "out_of_scope (nothing to read)"
        case .outOfScope(.predicted): "out_of_scope (predicted)"
        case .outOfScope(.lowConfidence): "out_of_scope (confidence < \(policy.confidenceThreshold))"
        }
    }
}
