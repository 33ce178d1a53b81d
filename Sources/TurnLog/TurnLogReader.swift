/// Streams the records of turn log files, one line at a time, in fixed memory.
///
/// Plain and gzip-compressed files read alike. A line that cannot be read (garbage, a last line a crash
/// cut in half, a line missing `time`, `text` or `intent`) is skipped and counted, never fatal; so is a
/// file that cannot be opened or whose compressed data ends early. Lines of older versions are read with
/// defaults for what they lack, unknown keys are ignored.
///
/// ```swift
/// let files = try TurnLogDirectory(dataDirectory: "data").files()
/// let summary = try TurnLogReader(files: files).read { record in
///     print(record.intent)
/// }
/// print("\(summary.damagedLines) damaged lines skipped")
/// ```
public struct TurnLogReader: Sendable {
    /// The files, read in this order.
    public var files: [TurnLogFile]

    public init(files: [TurnLogFile]) {
        self.files = files
    }

    /// Calls `body` with every record of every file, in file order, and returns what reading found.
    /// Errors thrown by `body` stop the reading and are rethrown.
    public func read(_ body: (TurnLogRecord) throws -> Void) rethrows -> TurnLogReadSummary {
        var summary = TurnLogReadSummary()
        let parser = TurnLogLineParser()
        for file in files {
            let reader: LineFileReader
            do {
                reader = try LineFileReader(path: file.path)
            } catch {
                summary.damagedFiles.append(.init(path: file.path, line: nil, reason: error.description))
                continue
            }
            summary.files += 1
            var lastLine = 0
            let ending = try reader.forEachLine { line in
                lastLine = line.number
                if Self.isBlank(line.bytes) { return }
                summary.lines += 1
                if line.isOverlong {
                    summary.recordDamage(path: file.path, line: line.number, reason: "line longer than \(LineFileReader.maximumLineLength) bytes")
                    return
                }
                guard let record = parser.parse(line.bytes) else {
                    let reason = line.isTerminated ? "not a turn log record" : "last line cut short (no line break at the end)"
                    summary.recordDamage(path: file.path, line: line.number, reason: reason)
                    return
                }
                summary.records += 1
                summary.versions[record.v, default: 0] += 1
                try body(record)
            }
            switch ending {
            case .complete:
                break
            case .truncated:
                summary.damagedFiles.append(.init(path: file.path, line: lastLine, reason: "compressed data ends early; read up to here"))
            case .failed(let reason):
                summary.damagedFiles.append(.init(path: file.path, line: lastLine, reason: "reading stopped: \(reason)"))
            }
        }
        return summary
    }

    private static func isBlank(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}
