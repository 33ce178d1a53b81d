/// A deliberate misbehaviour of the bot-side API, for the daemon's fault tests (see ``FaultInjector``).
struct Fault: Sendable, Equatable, Codable {
    /// What the call does instead of its normal answer.
    enum Kind: String, Sendable, Codable, CaseIterable {
        /// Answer 500 with Telegram's error envelope; the call has no effect.
        case status500
        /// Wait `delay_ms`, then answer normally.
        case delay
        /// Answer 200 with a truncated JSON body; the call has no effect.
        case malformed
        /// Close the connection without an answer; the call has no effect.
        case drop
        /// Answer 429 with `parameters.retry_after`; the call has no effect.
        case tooManyRequests = "429"
    }

    var kind: Kind
    /// How many of the next bot calls get this fault.
    var count: Int
    /// For ``Kind/delay``: milliseconds to wait.
    var delayMilliseconds: Int
    /// For ``Kind/tooManyRequests``: the `retry_after` to announce, in seconds.
    var retryAfter: Int

    enum CodingKeys: String, CodingKey {
        case kind
        case count
        case delayMilliseconds = "delay_ms"
        case retryAfter = "retry_after"
    }

    init(kind: Kind, count: Int = 1, delayMilliseconds: Int = 1000, retryAfter: Int = 1) {
        self.kind = kind
        self.count = count
        self.delayMilliseconds = delayMilliseconds
        self.retryAfter = retryAfter
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(Kind.self, forKey: .kind)
        count = try container.decodeIfPresent(Int.self, forKey: .count) ?? 1
        delayMilliseconds = try container.decodeIfPresent(Int.self, forKey: .delayMilliseconds) ?? 1000
        retryAfter = try container.decodeIfPresent(Int.self, forKey: .retryAfter) ?? 1
    }
}
