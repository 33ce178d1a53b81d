public import Foundation
public import TurnLog

/// The figures of a report over turn logs: what users asked, where the bot failed, how fast it answered.
///
/// Encoded as JSON (`ReportJSONFormatter`) it is the machine-readable report; keys are snake_case.
public struct OperatorReport: Sendable, Equatable, Codable {
    /// The days covered and how days were cut.
    public struct Period: Sendable, Equatable, Codable {
        /// First and last day with records (within `--since`/`--until`); `nil` when there were none.
        public var first: LogDay?
        public var last: LogDay?
        /// The time zone days start in (an IANA name).
        public var timeZone: String
    }

    /// Totals over the period.
    public struct Totals: Sendable, Equatable, Codable {
        public var turns: Int
        /// Distinct chats (channel and chat id) over the whole period.
        public var chats: Int
    }

    /// One day's figures.
    public struct Day: Sendable, Equatable, Codable {
        public var day: LogDay
        public var turns: Int
        public var chats: Int
        public var notUnderstood: Int
    }

    /// How often one intent was the classifier's decision.
    public struct IntentShare: Sendable, Equatable, Codable {
        public var intent: String
        public var title: String?
        public var turns: Int
        /// Of all turns, 0…1.
        public var share: Double
    }

    /// A count under a name.
    public struct NamedCount: Sendable, Equatable, Codable {
        public var name: String
        public var count: Int
    }

    /// Messages the bot did not understand.
    public struct Understanding: Sendable, Equatable, Codable {
        /// The decision starts with `out_of_scope` (any reason).
        public var outOfScope: Int
        public var outOfScopeRate: Double
        /// `out_of_scope` turns per reason (`predicted`, `low_confidence`, `empty`).
        public var outOfScopeReasons: [NamedCount]
        /// The best intent's confidence is under the threshold, whatever the decision.
        public var lowConfidence: Int
        public var lowConfidenceRate: Double
        /// Out of scope or under the threshold: the messages grouped below and offered for review.
        public var notUnderstood: Int
        public var notUnderstoodRate: Double
        /// The threshold used.
        public var confidenceThreshold: Double
        /// Turns the dialogue decided itself: commands, menu requests, questions about the cause being discussed
        /// (`TurnLogRecord.isDialogueDecision`). They are understood, and counted in none of the figures above.
        public var dialogueDecisions: Int
        public var dialogueDecisionRate: Double
        /// Those turns per decision (`command:start`, `menu_request`, `topic_question:how_long`, `other_causes`).
        public var dialogueDecisionKinds: [NamedCount]
    }

    /// Diagnosis flows: the overview reply starts one, it asks about one cause after another.
    public struct Diagnosis: Sendable, Equatable, Codable {
        public var started: Int
        /// Flows that ended on a cause.
        public var reachedCause: Int
        /// Per cause, most frequent first.
        public var causes: [NamedCount]
        /// Flows where every cause was ruled out.
        public var noCause: Int
        /// Flows the user left before an end.
        public var abandoned: Int
    }

    /// The answers given to one follow-up question.
    public struct FollowUpAnswers: Sendable, Equatable, Codable {
        public var question: String
        public var yes: Int
        public var no: Int
        /// Not understood: the bot asked again.
        public var unclear: Int
        /// The user changed the subject.
        public var other: Int

        public var total: Int { yes + no + unclear + other }
    }

    /// Latency from receiving a message to having the reply, in microseconds.
    public struct Latency: Sendable, Equatable, Codable {
        /// Turns with a latency (lines of older versions may have none).
        public var count: Int
        public var p50: Int64
        public var p95: Int64
        public var p99: Int64
        public var mean: Double
        public var max: Int64
        /// Turns per latency range, for the chart.
        public var histogram: [Bucket]

        public struct Bucket: Sendable, Equatable, Codable {
            /// Upper bound in microseconds (exclusive); `nil` for the last, open bucket.
            public var below: Int64?
            public var count: Int
        }
    }

    /// A group of near-duplicate messages the bot did not understand.
    public struct MessageGroup: Sendable, Equatable, Codable {
        /// The group's most frequent message.
        public var text: String
        /// Messages in the group.
        public var count: Int
        /// Of all not-understood messages, 0…1.
        public var share: Double
        /// Distinct messages in the group.
        public var variantCount: Int
        /// The most frequent distinct messages, up to five.
        public var variants: [NamedCount]
        /// What the bot decided for them (logged intents), most frequent first.
        public var guesses: [NamedCount]
    }

    /// What reading the logs found.
    public struct Reading: Sendable, Equatable, Codable {
        public var files: Int
        public var lines: Int
        public var records: Int
        /// Records outside `--since`/`--until` (in files read for the days around it).
        public var outsidePeriod: Int
        public var damagedLines: Int
        /// The first few damaged lines, as `path:line: reason`.
        public var damagedLineSamples: [String]
        /// Files that could not be opened or ended early.
        public var damagedFiles: [String]
        /// Records per schema version (`v0` for lines without one).
        public var versions: [NamedCount]
    }

    public var generatedAt: Date
    public var period: Period
    public var totals: Totals
    public var days: [Day]
    /// Most frequent first.
    public var intents: [IntentShare]
    public var understanding: Understanding
    public var diagnosis: Diagnosis
    /// By question id.
    public var followUps: [FollowUpAnswers]
    public var latency: Latency
    /// Distinct groups of not-understood messages.
    public var notUnderstoodGroupCount: Int
    /// The most frequent groups, most frequent first.
    public var notUnderstoodGroups: [MessageGroup]
    public var reading: Reading
}
