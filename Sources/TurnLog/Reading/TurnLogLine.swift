import Foundation

/// One turn log line as found, every field optional: what both parsers fill in before the rules for
/// older and incomplete lines turn it into a `TurnLogRecord`.
struct TurnLogLine: Sendable, Equatable {
    var version: Int?
    var time: Date?
    var channel: String?
    var chatID: String?
    var updateID: Int64?
    var text: String?
    var intent: String?
    var confidence: Double?
    var runnerUp: TurnLogRecord.RankedIntent?
    var decision: String?
    var replyKey: String?
    var step: String?
    var latencyMicroseconds: Int64?
    var notices: [String]?

    /// The record, or `nil` when the line lacks what every version has: `time`, `text` and `intent`.
    ///
    /// Rules for lines from older or partial writers: no `v` is version 0; a missing `channel` is
    /// `unknown`, `chat_id` empty, `update_id` 0, `confidence` 1, `decision` `intent` (or `out_of_scope` for
    /// that intent), `reply_key` the intent, `step` `idle`, `notices` none; a missing `latency_us` reads as
    /// -1, which reports leave out of latency figures.
    var record: TurnLogRecord? {
        guard let time, let text, let intent else { return nil }
        let isOutOfScope = intent == "out_of_scope"
        return TurnLogRecord(
            v: version ?? 0, time: time, channel: channel ?? "unknown", chatID: chatID ?? "", updateID: updateID ?? 0,
            text: text, intent: intent, confidence: confidence ?? 1, runnerUp: runnerUp,
            decision: decision ?? (isOutOfScope ? "out_of_scope" : "intent"), replyKey: replyKey ?? intent, step: step ?? "idle",
            latencyMicroseconds: latencyMicroseconds ?? -1, notices: notices ?? []
        )
    }
}
