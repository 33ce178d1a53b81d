import Dispatch
import Foundation
import Synchronization
import TurnLog

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends one JSON line per handled message to `DIR/turns-YYYY-MM-DD.jsonl` (the UTC date of the turn), files
/// mode 0600 in a directory of mode 0700.
///
/// Lines are made by the caller (`TurnLogRecord.jsonLine`) and written in order on a private serial queue, so no Swift
/// concurrency thread ever waits on the disk. When the file is moved away (logrotate without `copytruncate`), the
/// next line opens a new one. A write that fails is reported once to the logger and the turn is otherwise unaffected:
/// the turn log is a record, not the state.
final class TurnLogWriter: Sendable {
    private struct OpenFile {
        var day: String
        var path: String
        var descriptor: Int32
        var inode: UInt64
    }

    let directory: String
    private let queue = DispatchQueue(label: "huabei.turn-log")
    private let file = Mutex<OpenFile?>(nil)
    private let failureReported = Mutex(false)
    /// Encoded lines not written yet; one drain on the queue writes all that gathered.
    private let pending = Mutex<[(line: [UInt8], day: String)]>([])
    private let report: @Sendable (String) -> Void

    /// Creates the directory (mode 0700) when missing.
    ///
    /// - Parameter report: Called with a message when writing fails (the first time only).
    init(directory: String, report: @escaping @Sendable (String) -> Void) throws(TurnLogError) {
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw TurnLogError(description: "cannot create the turn log directory \(directory)")
        }
        chmod(directory, 0o700)
        self.directory = directory
        self.report = report
    }

    deinit {
        file.withLock { file in
            if let descriptor = file?.descriptor { close(descriptor) }
        }
    }

    /// The file name for a turn at `date`.
    static func fileName(for date: Date) -> String {
        "turns-\(day(of: date)).jsonl"
    }

    /// The UTC day of `date`, `YYYY-MM-DD`.
    static func day(of date: Date) -> String {
        LogDay(date, in: .gmt).description
    }

    /// Queues one record.
    func append(_ record: TurnLogRecord) {
        var line = record.jsonLine
        line.append(UInt8(ascii: "\n"))
        let day = Self.day(of: record.time)
        let first = pending.withLock { pending in
            pending.append((line, day))
            return pending.count == 1
        }
        if first { queue.async { [self] in drain() } }
    }

    /// Runs on `queue` only: writes every pending line.
    private func drain() {
        let lines = pending.withLock { pending in
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
        for (line, day) in lines { write(line, day: day) }
    }

    /// Returns once every queued record is written.
    func flush() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async { [self] in
                drain()
                continuation.resume()
            }
        }
    }

    private static func inode(ofPath path: String) -> UInt64? {
        var status = stat()
        return stat(path, &status) == 0 ? UInt64(status.st_ino) : nil
    }

    private static func inode(ofDescriptor descriptor: Int32) -> UInt64 {
        var status = stat()
        return fstat(descriptor, &status) == 0 ? UInt64(status.st_ino) : 0
    }

    /// Runs on `queue` only.
    private func write(_ line: [UInt8], day: String) {
        let failure: String? = file.withLock { file in
            // A new day, or the file was moved away (logrotate): open the file again.
            if let current = file, current.day != day || Self.inode(ofPath: current.path) != current.inode {
                close(current.descriptor)
                file = nil
            }
            if file == nil {
                let path = (directory as NSString).appendingPathComponent("turns-\(day).jsonl")
                let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
                guard descriptor >= 0 else { return "cannot open \(path): \(String(cString: strerror(errno)))" }
                fchmod(descriptor, 0o600)
                file = OpenFile(day: day, path: path, descriptor: descriptor, inode: Self.inode(ofDescriptor: descriptor))
            }
            guard let descriptor = file?.descriptor else { return nil }
            let written = appendBytes(line, to: descriptor)
            return written == line.count ? nil : "cannot write the turn log: \(String(cString: strerror(errno)))"
        }
        if let failure, failureReported.withLock({ reported in defer { reported = true }; return !reported }) {
            report(failure)
        }
    }
}

/// The turn log directory cannot be created.
struct TurnLogError: Error, Sendable, CustomStringConvertible {
    let description: String
}

/// One `write(2)`; with `O_APPEND` a line of a few hundred bytes lands whole.
private func appendBytes(_ bytes: [UInt8], to descriptor: Int32) -> Int {
    bytes.withUnsafeBytes { buffer in write(descriptor, buffer.baseAddress, buffer.count) }
}
