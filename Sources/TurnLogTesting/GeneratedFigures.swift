public import TurnLog

/// The figures a generated log must produce, counted while the conversations were scripted (not by
/// reading the log back), so tests can hold a report against them.
public struct GeneratedFigures: Sendable, Equatable {
    /// Records written per day (damaged lines not included).
    public var turnsPerDay: [LogDay: Int] = [:]
    /// Distinct chats (channel and chat id) per day.
    public var chatsPerDay: [LogDay: Int] = [:]
    /// Records per logged intent.
    public var intents: [String: Int] = [:]
    /// Records whose decision starts with `out_of_scope`.
    public var outOfScope: Int = 0
    /// Of those, per reason (`predicted`, `low_confidence`, `empty`).
    public var outOfScopeReasons: [String: Int] = [:]
    /// Records whose confidence is under `GeneratorOptions.confidenceThreshold`.
    public var lowConfidence: Int = 0
    /// Records that are out of scope or under the threshold.
    public var notUnderstood: Int = 0
    /// Diagnosis flows started.
    public var diagnosisStarted: Int = 0
    /// Flows that ended on a cause, per cause.
    public var diagnosisReached: [String: Int] = [:]
    /// Flows that ended with every cause ruled out.
    public var diagnosisNoCause: Int = 0
    /// Flows left before an end.
    public var diagnosisAbandoned: Int = 0
    /// Answers to follow-up questions: question id → answer (`yes`, `no`, `unclear`, `other`) → count.
    public var followUpAnswers: [String: [String: Int]] = [:]
    /// Every latency written (older-version lines have none), in microseconds, unsorted.
    public var latencies: [Int64] = []
    /// Each near-duplicate family of not-understood messages: the base text and how often it or a
    /// variant of it was written.
    public var notUnderstoodFamilies: [String: Int] = [:]
    /// Not-understood messages that are unique noise, each written once.
    public var noiseMessages: Int = 0
    /// Lines written in an older version's shape (no `v`, no latency, numeric chat id).
    public var olderVersionRecords: Int = 0
    /// Damaged lines written (garbage, cut-short JSON, records without `text`).
    public var damagedLines: Int = 0

    public init() {}

    /// All records written.
    public var turns: Int { turnsPerDay.values.reduce(0, +) }
}
