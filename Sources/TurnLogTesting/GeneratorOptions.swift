public import TurnLog

/// What `TurnLogGenerator` writes: how many days and conversations, and how much of what real logs hold
/// (older lines, unknown keys, damaged lines).
public struct GeneratorOptions: Sendable {
    /// Same seed, same log.
    public var seed: UInt64 = 1
    public var firstDay = LogDay(year: 2026, month: 11, day: 1)
    public var days = 3
    /// Conversations started per day; a conversation is 1 to 9 turns, about 3.5 on average.
    public var conversationsPerDay = 100
    /// The confidence threshold `GeneratedFigures.lowConfidence` counts against.
    public var confidenceThreshold = 0.45
    /// Share of a day's conversations (after the first day) from a chat seen the day before.
    public var returningChatShare = 0.1
    /// Share of not-understood messages that are unique noise rather than a variant of a frequent one.
    public var noiseShare = 0.2
    /// Every n-th record is written as an older version would (no `v`, `latency_us`, `runner_up` or
    /// `notices`; `chat_id` a number); 0 for none.
    public var olderVersionEvery = 0
    /// Every n-th record carries keys the reader does not know (nested objects, arrays); 0 for none.
    public var unknownKeysEvery = 0
    /// Damaged lines spread through each day's file: garbage, cut-short JSON, invalid UTF-8, records
    /// without `text` or with a time that is not one.
    public var damagedLinesPerFile = 0
    /// Ends the last file with half a line and no line break, as a crash mid-write leaves it.
    public var halfWrittenLastLine = false

    public init() {}
}
