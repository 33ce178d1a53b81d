/// What reading turn logs found besides the records: how many lines, which were damaged and why, which
/// schema versions, which files ended early.
public struct TurnLogReadSummary: Sendable, Equatable, Codable {
    /// A damaged line or file, located for the operator.
    public struct Damage: Sendable, Equatable, Codable, CustomStringConvertible {
        public var path: String
        /// 1-based line number; `nil` when the whole file is concerned.
        public var line: Int?
        public var reason: String

        public init(path: String, line: Int?, reason: String) {
            self.path = path
            self.line = line
            self.reason = reason
        }

        public var description: String {
            "\(path)\(line.map { ":\($0)" } ?? ""): \(reason)"
        }
    }

    /// Files read.
    public var files: Int = 0
    /// Lines seen, damaged ones included; blank lines are not counted.
    public var lines: Int = 0
    /// Lines that became records.
    public var records: Int = 0
    /// Lines skipped because they could not be read: not JSON, cut short, missing `time`, `text` or `intent`.
    public var damagedLines: Int = 0
    /// Records per schema version (`v`; 0 for lines without one).
    public var versions: [Int: Int] = [:]
    /// Files that ended early (truncated or corrupt gzip data, read errors) or could not be opened.
    public var damagedFiles: [Damage] = []
    /// The first few damaged lines, to look at.
    public var damagedLineSamples: [Damage] = []

    /// How many damaged lines are kept as samples.
    public static let sampleLimit = 5

    public init() {}

    /// Records written by a newer version of the daemon than this reader knows; read as far as understood.
    public var newerVersionRecords: Int {
        versions.filter { $0.key > TurnLogRecord.currentVersion }.reduce(0) { $0 + $1.value }
    }

    mutating func recordDamage(path: String, line: Int, reason: String) {
        damagedLines += 1
        if damagedLineSamples.count < Self.sampleLimit {
            damagedLineSamples.append(Damage(path: path, line: line, reason: reason))
        }
    }
}
