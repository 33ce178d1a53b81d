import Foundation
import JSONWriting

extension TurnLogRecord {
    /// The record as one turn log line, without the newline, at a fraction of `JSONEncoder`'s cost: the members and
    /// values `JSONEncoder` writes with `.iso8601` and `.withoutEscapingSlashes` (`runner_up` left out when `nil`,
    /// `time` as `2026-11-28T07:23:29Z`: UTC, whole seconds rounded down), in `CodingKeys` order.
    ///
    /// A non-finite confidence, which the encoder refuses, is written as `0` (not confident): `null` would read back as
    /// absent, which older lines' rule turns into full confidence. Dates are
    /// proleptic Gregorian, as ``LogDay`` and the reader count them, which differs from Foundation before 1582-10-15.
    public var jsonLine: [UInt8] {
        var writer = JSONWriter(capacity: 320 + text.utf8.count)
        writer.beginObject()
        writer.member("v", v)
        writer.member("time", Self.timestamp(time))
        writer.member("channel", channel)
        writer.member("chat_id", chatID)
        writer.member("update_id", updateID)
        writer.member("text", text)
        writer.member("intent", intent)
        writer.member("confidence", Self.finite(confidence))
        if let runnerUp {
            writer.key("runner_up")
            writer.beginObject()
            writer.member("intent", runnerUp.intent)
            writer.member("confidence", Self.finite(runnerUp.confidence))
            writer.endObject()
        }
        writer.member("decision", decision)
        writer.member("reply_key", replyKey)
        writer.member("step", step)
        writer.member("latency_us", latencyMicroseconds)
        writer.member("notices", notices)
        writer.endObject()
        return writer.bytes
    }

    private static func finite(_ confidence: Double) -> Double {
        confidence.isFinite ? confidence : 0
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` in UTC, seconds rounded down (years beyond 9999 get more digits, years before 1 a
    /// `-`). Times beyond ±10^15 seconds are clamped, a NaN time is the epoch.
    static func timestamp(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        let seconds = interval.isNaN ? 0 : Int64(min(1e15, max(-1e15, interval.rounded(.down))))
        let days = seconds.dividedRoundingDown(by: 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let day = LogDay(daysSinceEpoch: Int(days))
        let yearDigits = String(day.year.magnitude).utf8
        let yearWidth = (day.year < 0 ? 1 : 0) + max(4, yearDigits.count)
        return String(unsafeUninitializedCapacity: yearWidth + 16) { buffer in
            var index = 0
            func append(_ byte: UInt8) {
                buffer[index] = byte
                index += 1
            }
            func two(_ value: Int, after separator: UInt8) {
                append(separator)
                append(UInt8(ascii: "0") + UInt8(value / 10))
                append(UInt8(ascii: "0") + UInt8(value % 10))
            }
            if day.year < 0 { append(UInt8(ascii: "-")) }
            for _ in yearDigits.count..<max(4, yearDigits.count) { append(UInt8(ascii: "0")) }
            for digit in yearDigits { append(digit) }
            two(day.month, after: UInt8(ascii: "-"))
            two(day.day, after: UInt8(ascii: "-"))
            two(secondOfDay / 3600, after: UInt8(ascii: "T"))
            two(secondOfDay / 60 % 60, after: UInt8(ascii: ":"))
            two(secondOfDay % 60, after: UInt8(ascii: ":"))
            append(UInt8(ascii: "Z"))
            return index
        }
    }
}
