import ArgumentParser
import BotConfig
import Classifier
import Dialogue
import Foundation
import LineEditor
import Operators
import TurnLog

/// `huabei-bot review`: teach the bot the messages it did not understand.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Go through the messages the bot did not understand, most frequent first, and add each to an intent's examples.",
        discussion: """
            One key per group: an intent's key adds the message to Intents/<intent>.yaml (comments and formatting kept), \
            then the intents are checked as by `intents check` and the edit is undone if they no longer load; \
            s skips, o adds it to out_of_scope, q quits. Decisions are kept in DATA/review/decisions.jsonl, so \
            nothing is asked twice. Cross-validated accuracy is shown before and after. When standard input is not a \
            terminal (or with --answers FILE), answers are read one per line: a key or an intent id, skip, quit.
            """
    )

    @OptionGroup var options: CatalogOptions

    @Option(help: "The data folder: turn logs in DATA/logs, decisions in DATA/review/decisions.jsonl.")
    var data = "data"

    @Option(help: "First day of logs to review, YYYY-MM-DD.")
    var since: String?

    @Option(help: "Last day of logs to review, YYYY-MM-DD.")
    var until: String?

    @Option(name: .customLong("time-zone"), help: "Time zone days start in (default: the system's).")
    var timeZone: String?

    @Option(help: "Read the answers from this file, one per line, instead of the keyboard.")
    var answers: String?

    @Option(help: "Cross-validation folds for the accuracy shown before and after.")
    var folds = 5

    @Flag(name: .customLong("no-accuracy"), help: "Do not measure cross-validated accuracy (it takes a few seconds).")
    var noAccuracy = false

    func validate() throws {
        if let since, LogDay(since) == nil { throw ValidationError("--since must be a day as YYYY-MM-DD, got '\(since)'") }
        if let until, LogDay(until) == nil { throw ValidationError("--until must be a day as YYYY-MM-DD, got '\(until)'") }
        if let timeZone, TimeZone(identifier: timeZone) == nil { throw ValidationError("--time-zone: unknown time zone '\(timeZone)'") }
        if folds < 2 || folds > 20 { throw ValidationError("--folds must be between 2 and 20") }
    }

    func run() throws {
        let (settings, loadedCatalog, configuration) = try OperatorOptions.settings(
            options: options, since: since, until: until, timeZone: timeZone, catalogRequired: true
        )
        guard let catalog = loadedCatalog else { return }
        let store = ReviewDecisionStore(dataDirectory: data)
        let queue: ReviewQueue
        do {
            queue = try ReviewQueue(dataDirectory: data, settings: settings, decisions: try store.load(), catalog: catalog)
        } catch let error as TurnLogReadError {
            throw OperatorFailure(error.description)
        }
        let write: (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) }
        let messages = queue.items.reduce(0) { $0 + $1.count }
        write("\(queue.items.count) groups (\(messages) messages) to review from \(data)/logs; "
            + "\(queue.alreadyKnown) messages decided before or already examples; \(queue.reading.damagedLines) damaged lines skipped\n")
        guard !queue.items.isEmpty else {
            write("Nothing to review.\n")
            return
        }
        let before = noAccuracy ? nil : try accuracy(catalog, configuration)
        if let before { write("cross-validated accuracy (\(folds) folds) before: \(Self.percent(before))\n") }

        let engine = try options.loadEngine()
        let keyMap = ReviewKeyMap(intents: catalog.intents.map { ($0.id, $0.title) }, outOfScopeIntent: IntentCatalog.outOfScope)
        let session = ReviewSession(
            items: queue.items, keyMap: keyMap, appender: ExampleAppender(directory: options.intents),
            store: store, classifier: engine.classifier, write: write
        )
        let summary: ReviewSession.Summary
        if let answers {
            guard let text = try? String(contentsOfFile: answers, encoding: .utf8) else {
                throw OperatorFailure("\(answers): cannot read the answers file")
            }
            var input = LineReviewInput(lines: text.components(separatedBy: .newlines))
            summary = try session.run(input: &input)
        } else if isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 {
            var input = try TerminalReviewInput(terminal: SystemTerminal())
            defer { input.finish() }
            summary = try session.run(input: &input)
        } else {
            var input = LineReviewInput.standardInput()
            summary = try session.run(input: &input)
        }

        write("\n\(summary.added.count) examples added, \(summary.skipped) skipped, \(summary.failed) not added, "
            + "\(summary.remaining) groups left for next time\n")
        guard !summary.added.isEmpty else { return }
        if let before {
            let after = try accuracy(try options.loadCatalog(), configuration)
            write("cross-validated accuracy (\(folds) folds): \(Self.percent(before)) → \(Self.percent(after))\n")
        }
        write("Restart the daemon (or send it SIGHUP) to answer with the new examples.\n")
    }

    private func accuracy(_ catalog: IntentCatalog, _ configuration: BotConfiguration) throws -> Double {
        do {
            return try CrossValidatedAccuracy.measure(catalog: catalog, configuration: configuration, folds: folds).accuracy
        } catch {
            throw OperatorFailure("cannot train the classifier: \(error)")
        }
    }

    private static func percent(_ value: Double) -> String {
        String(format: "%.1f%%", value * 100)
    }
}
