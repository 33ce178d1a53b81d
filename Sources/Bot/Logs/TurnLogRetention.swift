import Foundation
import TurnLog

/// Removes turn log files (`turns-YYYY-MM-DD.jsonl`, and their `.gz`) whose day is more than `logs.retention_days`
/// days before today (UTC, the files' own calendar). Today's file and the ones being written are never touched.
struct TurnLogRetention: Sendable {
    /// `DATA/logs`.
    let directory: String
    /// 0 keeps every file.
    let retentionDays: Int

    /// The files removed, by path. `now` is passed in so tests can move time.
    func removeExpired(now: Date) throws -> [String] {
        guard retentionDays > 0, FileManager.default.fileExists(atPath: directory) else { return [] }
        let cutoff = LogDay(now, in: .gmt).adding(days: -retentionDays)
        let expired = try TurnLogDirectory(path: directory).files().filter { $0.day < cutoff }
        // `files()` leaves out an `X.gz` when `X` exists (compression was running); remove both.
        var removed: [String] = []
        for file in expired {
            let plain = file.isCompressed ? String(file.path.dropLast(3)) : file.path
            for path in [plain, plain + ".gz"]
            where FileManager.default.fileExists(atPath: path) {
                try FileManager.default.removeItem(atPath: path)
                removed.append(path)
            }
        }
        return removed.sorted()
    }
}
