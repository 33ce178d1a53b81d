import TurnLog

/// How often one exact message was not understood, and what the bot made of it the last time.
struct MessageTally: Sendable, Equatable {
    var count: Int
    /// The logged intents (the bot's guesses) and how often each.
    var guesses: [String: Int]
    /// The last time it was seen, as logged.
    var lastDecision: String
    var lastConfidence: Double
    var lastRunnerUp: TurnLogRecord.RankedIntent?
}

extension MessageTally {
    mutating func record(_ record: TurnLogRecord) {
        count += 1
        guesses[record.intent, default: 0] += 1
        lastDecision = record.decision
        lastConfidence = record.confidence
        lastRunnerUp = record.runnerUp
    }
}

/// Not-understood messages counted by exact text.
struct NotUnderstoodMessages: Sendable {
    private(set) var tallies: [String: MessageTally] = [:]
    private(set) var total = 0

    mutating func add(_ record: TurnLogRecord) {
        total += 1
        // Mutated in place, so the tally's dictionary of guesses is not copied on every repeat.
        tallies[record.text, default: MessageTally(count: 0, guesses: [:], lastDecision: "", lastConfidence: 0, lastRunnerUp: nil)]
            .record(record)
    }
}
