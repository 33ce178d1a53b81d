import RequestDecoding
import Synchronization

/// The idempotency keys whose `sendMessage` is being handled right now, so that a repeat arriving meanwhile gets
/// 409 instead of racing the first. Memory only: after a restart no request is in progress.
final class KeysInProgress: Sendable {
    private let keys = Mutex(Set<IdempotencyKey>())

    /// Marks `key` in progress; false when it already was.
    func begin(_ key: IdempotencyKey) -> Bool {
        keys.withLock { $0.insert(key).inserted }
    }

    /// The request with `key` was answered.
    func end(_ key: IdempotencyKey) {
        _ = keys.withLock { $0.remove(key) }
    }
}
