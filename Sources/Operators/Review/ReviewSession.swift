public import Classifier
public import Foundation

/// The review loop: shows each group of not-understood messages with the bot's guess and the current
/// model's top intents, reads the operator's key, and adds the example, records the decision, or moves on.
///
/// Output goes through `write`, input comes from a `ReviewInput`, so the same loop runs on a terminal, on
/// a script's lines, and in tests.
public struct ReviewSession {
    /// What a session did.
    public struct Summary: Sendable, Equatable {
        /// Examples added, as (intent, text); out-of-scope ones included.
        public var added: [(intent: String, text: String)] = []
        public var skipped = 0
        /// Appends refused or rolled back: the file was restored and nothing was recorded.
        public var failed = 0
        /// Groups not reached before quitting or the end of input.
        public var remaining = 0

        public static func == (lhs: Summary, rhs: Summary) -> Bool {
            lhs.added.map(\.intent) == rhs.added.map(\.intent) && lhs.added.map(\.text) == rhs.added.map(\.text)
                && lhs.skipped == rhs.skipped && lhs.failed == rhs.failed && lhs.remaining == rhs.remaining
        }
    }

    public var items: [ReviewItem]
    public var keyMap: ReviewKeyMap
    public var appender: ExampleAppender
    public var store: ReviewDecisionStore
    /// The current model, to show its top intents for each message; `nil` to leave them out.
    public var classifier: IntentClassifier?
    /// Where the screen text goes.
    public var write: (String) -> Void
    /// The clock decisions are stamped with.
    public var now: () -> Date = Date.init

    public init(
        items: [ReviewItem], keyMap: ReviewKeyMap, appender: ExampleAppender, store: ReviewDecisionStore,
        classifier: IntentClassifier?, write: @escaping (String) -> Void
    ) {
        self.items = items
        self.keyMap = keyMap
        self.appender = appender
        self.store = store
        self.classifier = classifier
        self.write = write
    }

    /// Runs through the queue until it is done, the operator quits, or input ends.
    public func run(input: inout some ReviewInput) throws(ReviewError) -> Summary {
        var summary = Summary()
        write(ReviewScreen.keys(keyMap))
        var position = 0
        itemLoop: while position < items.count {
            let item = items[position]
            write(ReviewScreen.item(item, position: position + 1, of: items.count, ranking: ranking(for: item.text), keyMap: keyMap))
            while true {
                write(ReviewScreen.prompt)
                guard let answer = try input.nextAnswer() else {
                    write("\n")
                    break itemLoop
                }
                guard let action = keyMap.action(for: answer) else {
                    write("\(TerminalText.safe(answer)): no such key (? lists the keys)\n")
                    continue
                }
                write(ReviewScreen.echo(action, keyMap: keyMap))
                switch action {
                case .help:
                    write(ReviewScreen.keys(keyMap))
                    continue
                case .quit:
                    break itemLoop
                case .skip:
                    try record(.skip, intent: nil, item: item)
                    summary.skipped += 1
                case .assign(let intent):
                    if try add(item, to: intent, kind: .intent) {
                        summary.added.append((intent, item.text))
                    } else {
                        summary.failed += 1
                    }
                case .outOfScope:
                    if try add(item, to: keyMap.outOfScopeIntent, kind: .outOfScope) {
                        summary.added.append((keyMap.outOfScopeIntent, item.text))
                    } else {
                        summary.failed += 1
                    }
                }
                break
            }
            position += 1
        }
        summary.remaining = items.count - position
        return summary
    }

    private func add(_ item: ReviewItem, to intent: String, kind: ReviewDecision.Kind) throws(ReviewError) -> Bool {
        let outcome = appender.append(item.text, to: intent)
        write(ReviewScreen.outcome(outcome))
        guard case .added = outcome else { return false }
        try record(kind, intent: intent, item: item)
        return true
    }

    private func record(_ kind: ReviewDecision.Kind, intent: String?, item: ReviewItem) throws(ReviewError) {
        try store.append(ReviewDecision(
            time: now(), kind: kind, intent: intent, text: item.text, texts: item.messages.map(\.text), keys: item.keys, count: item.count
        ))
    }

    private func ranking(for text: String) -> [Classification.Score] {
        guard let classifier else { return [] }
        return Array(classifier.classify(text).ranking.prefix(3))
    }
}
