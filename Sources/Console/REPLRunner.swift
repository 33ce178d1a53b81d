public import Dialogue
import Classifier
public import Foundation
public import LineEditor

/// Runs a `REPLSession` on a terminal (line editing, history, coloured status) or on piped stdin (one
/// message per line; with `jsonl`, one JSON object per turn).
public struct REPLRunner {
    public var session: REPLSession
    public var jsonl: Bool
    public var historyFile: URL?
    private var interactive = false

    public init(engine: DialogueEngine, jsonl: Bool, historyFile: URL? = LineHistory.defaultFileURL) {
        self.session = REPLSession(engine: engine)
        self.jsonl = jsonl
        self.historyFile = historyFile
    }

    /// Reads until end of input or `:quit`.
    public mutating func run() {
        if LineEditor.isInteractive, !jsonl {
            interactive = true
            runInteractive()
        } else {
            while let line = Swift.readLine(strippingNewline: true) {
                if !process(line) { break }
            }
        }
    }

    private mutating func runInteractive() {
        let history = historyFile.flatMap { try? LineHistory(fileURL: $0) } ?? LineHistory()
        let editor = LineEditor(history: history)
        print("HuabeiBot REPL — \(session.engine.catalog.intents.count) intents, \(session.engine.classifier.featureCount) n-grams. :help for commands, Ctrl-D to leave.")
        while true {
            let line: String?
            do {
                line = try editor.readLine(prompt: "你> ")
            } catch {
                if case LineEditorError.interrupted = error { continue }
                print("terminal error: \(error)")
                return
            }
            guard let line else { print(""); return }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if !process(line) { return }
        }
    }

    /// Handles one line and prints the result; false to stop.
    private mutating func process(_ line: String) -> Bool {
        switch session.handle(line) {
        case .quit:
            return false
        case .info(let text):
            print(text)
        case .turn(let turn, let text):
            if jsonl {
                print(JSONLines().line(TurnRecord(text: text, turn: turn)))
            } else {
                // Dim the status line on a terminal, so the reply stands out.
                print(interactive ? "\u{1B}[2m" + status(of: turn) + "\u{1B}[0m" : status(of: turn))
                print("bot> " + turn.reply.replacingOccurrences(of: "\n", with: "\n     "))
                print("")
            }
        }
        FileHandle.standardOutput.synchronizeFile()
        return true
    }

    private func status(of turn: DialogueTurn) -> String {
        let ranking = turn.classification.ranking
        let runnerUps = ranking.count < 2
            ? "-" : ranking.dropFirst().prefix(2).map { String(format: "%@ %.2f", $0.intent, $0.confidence) }.joined(separator: ", ")
        let topic = turn.decisionIntent == IntentCatalog.outOfScope ? turn.classification.topic.map { ", topic \($0)" } ?? "" : ""
        // A turn the dialogue decided itself (a command, a menu request, a question about the cause discussed).
        let decision = turn.handling.logDecision ?? (REPLSession.describe(turn.decision, policy: session.engine.policy) + topic)
        return String(format: "  [%@ %.2f] runner-ups: %@ | decision: %@ | reply: %@ | step: %@",
                      ranking[0].intent, ranking[0].confidence, runnerUps, decision, turn.replyKey, turn.step)
    }
}
