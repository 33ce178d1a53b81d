import Classifier
import TurnLog

/// The text the review shows: the keys, each group, the outcome of each answer. Users' messages go
/// through `TerminalText.safe`, so they cannot move the cursor or recolour the terminal.
enum ReviewScreen {
    private typealias T = TerminalText

    static let prompt = "key> "

    static func keys(_ keyMap: ReviewKeyMap) -> String {
        var lines = ["Keys: an intent's key adds the message to that intent's examples."]
        var line = " "
        for entry in keyMap.entries {
            let cell = " \(entry.key) " + T.padded("\(entry.intent) \(entry.title)", to: 28) + " "
            if T.width(line + cell) > 100 {
                lines.append(line)
                line = " "
            }
            line += cell
        }
        if line != " " { lines.append(line) }
        lines.append("  s skip (not asked again)   o truly out of scope (adds to \(keyMap.outOfScopeIntent))   q quit   ? keys")
        return lines.map { T.truncated($0, to: 100).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
            .joined(separator: "\n") + "\n"
    }

    static func item(_ item: ReviewItem, position: Int, of total: Int, ranking: [Classification.Score], keyMap: ReviewKeyMap) -> String {
        var lines = [""]
        lines.append("[\(position)/\(total)] \(T.grouped(item.count)) message\(item.count == 1 ? "" : "s")"
            + (item.messages.count > 1 ? " in \(item.messages.count) forms" : ""))
        lines.append("  " + T.truncated(T.safe(item.text), to: 96))
        let others = item.messages.dropFirst().prefix(3).map { "\(T.safe($0.text)) (\($0.count))" }
        if !others.isEmpty { lines.append("  also: " + T.truncated(others.joined(separator: " · "), to: 90)) }
        var guess = "  bot said: \(T.safe(item.loggedIntent)) (\(T.safe(item.loggedDecision)), confidence \(fixed(item.loggedConfidence))"
        if let runnerUp = item.loggedRunnerUp { guess += "; runner-up \(T.safe(runnerUp.intent)) \(fixed(runnerUp.confidence))" }
        lines.append(guess + ")")
        if !ranking.isEmpty {
            let top = ranking.map { score in
                let key = keyMap.key(of: score.intent).map { "[\($0)] " } ?? ""
                return "\(key)\(score.intent) \(fixed(score.confidence))"
            }
            lines.append("  model now: " + top.joined(separator: " · "))
        }
        return lines.map { T.truncated($0, to: 100) }.joined(separator: "\n") + "\n"
    }

    static func echo(_ action: ReviewKeyMap.Action, keyMap: ReviewKeyMap) -> String {
        switch action {
        case .assign(let intent): "→ \(intent)\n"
        case .outOfScope: "→ \(keyMap.outOfScopeIntent)\n"
        case .skip: "skipped\n"
        case .quit: "quit\n"
        case .help: "\n"
        }
    }

    static func outcome(_ outcome: ExampleAppender.Outcome) -> String {
        switch outcome {
        case .added(let file, let line, let intents, let examples):
            return "  added at \(file):\(line); intents check: ok, \(intents) intents, \(T.grouped(examples)) examples\n"
        case .rolledBack(let file, let problems):
            return "  NOT added: the intents no longer load with it, so \(file) was restored:\n"
                + problems.map { "    " + T.safe($0) + "\n" }.joined()
        case .refused(let file, let reason):
            return "  NOT added to \(file): \(T.safe(reason))\n"
        }
    }

    /// `0.31`.
    static func fixed(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}

#if canImport(Foundation)
import Foundation
#endif
