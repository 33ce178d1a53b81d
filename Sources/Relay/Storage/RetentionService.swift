import Foundation
import Logging
import ServiceLifecycle

/// Deletes chats idle for `relay.retention_days` (``RelayConfiguration/retentionDays``), at start and then every
/// `interval`, until graceful shutdown.
struct RetentionService: Service {
    let store: RelayStore
    let retentionDays: Int
    var interval: Duration = .seconds(3600)
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await sweep(now: Date())
                do {
                    try await Task.sleep(for: interval)
                } catch {
                    return
                }
            }
        }
    }

    /// One pass, as of `now` (tests move it). Returns how many chats went.
    @discardableResult
    func sweep(now: Date) async -> Int {
        guard retentionDays > 0 else { return 0 }
        let cutoff = Int64(now.timeIntervalSince1970) - Int64(retentionDays) * 86_400
        do {
            let deleted = try await store.deleteIdleChats(before: cutoff)
            if deleted > 0 {
                logger.info(
                    "deleted idle chats", metadata: ["relay.deleted": "\(deleted)", "relay.retention_days": "\(retentionDays)"])
            }
            return deleted
        } catch {
            logger.warning("cannot delete idle chats", metadata: ["error": "\(error)"])
            return 0
        }
    }
}
