import RateLimiting
import Synchronization

/// Token buckets per key (a chat, a client address, the bot), safe to share between requests.
///
/// Keys whose bucket is full again are forgotten when the table grows past `maxKeys`, so a flood of addresses
/// cannot grow memory without bound.
final class RateLimiter<Key: Hashable & Sendable>: Sendable {
    /// The outcome of ``acquire(_:)``.
    enum Decision: Sendable, Equatable {
        case allowed
        /// Over the rate: retry after this many whole seconds (at least 1).
        case limited(retryAfter: Int)
    }

    let rate: RelayConfiguration.Rate
    private let maxKeys: Int
    private let buckets = Mutex<[Key: TokenBucket]>([:])

    init(rate: RelayConfiguration.Rate, maxKeys: Int = 50_000) {
        self.rate = rate
        self.maxKeys = maxKeys
    }

    /// Takes one token from `key`'s bucket.
    func acquire(_ key: Key, now: ContinuousClock.Instant = .now) -> Decision {
        let wait = buckets.withLock { buckets -> Duration? in
            if buckets.count >= maxKeys, buckets[key] == nil {
                buckets = buckets.filter { !$0.value.isFull(at: now) }
            }
            var bucket = buckets[key] ?? TokenBucket(rate: rate.perSecond, burst: rate.burst, now: now)
            let wait = bucket.takeIfAvailable(at: now)
            if buckets.count < maxKeys || buckets[key] != nil { buckets[key] = bucket }
            return wait
        }
        guard let wait else { return .allowed }
        let seconds = Double(wait.components.seconds) + Double(wait.components.attoseconds) * 1e-18
        return .limited(retryAfter: max(1, Int(seconds.rounded(.up))))
    }
}
