/// One turn log file, recognised by its name: `turns-YYYY-MM-DD.jsonl`, rotated `turns-YYYY-MM-DD.jsonl.1`,
/// `.2` …, and any of them gzip-compressed (`turns-YYYY-MM-DD.jsonl.gz`, `turns-YYYY-MM-DD.jsonl.1.gz`).
public struct TurnLogFile: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file's path.
    public var path: String
    /// The day in the file's name.
    public var day: LogDay
    /// 0 for the file the daemon writes, n for `.n`: higher numbers hold older lines.
    public var rotation: Int
    /// Whether the name ends in `.gz`.
    public var isCompressed: Bool

    public init(path: String, day: LogDay, rotation: Int = 0, isCompressed: Bool = false) {
        self.path = path
        self.day = day
        self.rotation = rotation
        self.isCompressed = isCompressed
    }

    /// The file at `path` if its name is a turn log's, `nil` otherwise.
    public init?(path: String) {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        guard name.hasPrefix("turns-") else { return nil }
        var rest = Substring(name.dropFirst("turns-".count))
        guard rest.count >= 10, let day = LogDay(rest.prefix(10)) else { return nil }
        rest = rest.dropFirst(10)
        guard rest.hasPrefix(".jsonl") else { return nil }
        rest = rest.dropFirst(".jsonl".count)
        var isCompressed = false
        if rest.hasSuffix(".gz") {
            isCompressed = true
            rest = rest.dropLast(".gz".count)
        }
        var rotation = 0
        if !rest.isEmpty {
            guard rest.first == ".", rest.count > 1, rest.count <= 6, let number = Int(rest.dropFirst()), number >= 0,
                  rest.dropFirst().allSatisfy(\.isASCII)
            else { return nil }
            rotation = number
        }
        self.init(path: path, day: day, rotation: rotation, isCompressed: isCompressed)
    }

    /// The file name of the uncompressed file this one is, or was before compression.
    var uncompressedPath: String {
        isCompressed ? String(path.dropLast(".gz".count)) : path
    }

    /// Reading order: by day, then the oldest rotation first, so the lines of a day come in the order
    /// they were written.
    public static func < (lhs: TurnLogFile, rhs: TurnLogFile) -> Bool {
        if lhs.day != rhs.day { return lhs.day < rhs.day }
        if lhs.rotation != rhs.rotation { return lhs.rotation > rhs.rotation }
        if lhs.isCompressed != rhs.isCompressed { return lhs.isCompressed }
        return lhs.path < rhs.path
    }

    public var description: String { path }
}
