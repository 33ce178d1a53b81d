public import struct Foundation.URL

/// The lines entered so far, oldest first, optionally kept in a file between sessions.
///
/// The history holds at most `limit` lines, dropping the oldest. It skips empty lines and a line equal to
/// the one before it. With a `fileURL`, `init(fileURL:limit:)` reads the file and `save()` writes it back,
/// one line per entry in UTF-8, readable only by its owner (mode 0600).
public struct LineHistory: Sendable, Equatable {
    /// How many lines a history keeps unless told otherwise.
    public static let defaultLimit = 1_000

    /// `~/.huabei-bot_history`, the REPL's history file.
    public static var defaultFileURL: URL {
        URL(fileURLWithPath: HistoryFile.homeDirectory(), isDirectory: true)
            .appendingPathComponent(".huabei-bot_history", isDirectory: false)
    }

    /// The lines, oldest first.
    public private(set) var entries: [String]

    /// The most lines kept; older ones are dropped.
    public let limit: Int

    /// Where `save()` writes the history, or `nil` for a history kept only in memory.
    public let fileURL: URL?

    /// An empty history kept in memory only.
    public init(limit: Int = LineHistory.defaultLimit) {
        self.entries = []
        self.limit = max(limit, 0)
        self.fileURL = nil
    }

    /// A history kept in `fileURL`, starting with the lines already there. A missing file is an empty
    /// history; the file is created by the first `save()`.
    ///
    /// - Throws: `LineEditorError` when the file exists but cannot be read.
    public init(fileURL: URL, limit: Int = LineHistory.defaultLimit) throws {
        self.entries = []
        self.limit = max(limit, 0)
        self.fileURL = fileURL
        for line in try HistoryFile.read(fileURL) {
            add(line)
        }
    }

    /// Appends `line` unless it is blank or repeats the last entry, dropping the oldest entry when the
    /// history is full. Line breaks inside `line` become spaces, so the file keeps one entry per line.
    ///
    /// - Returns: Whether the line was added.
    @discardableResult
    public mutating func add(_ line: String) -> Bool {
        let entry = String(line.map { $0.isNewline ? " " : $0 })
        guard limit > 0, !entry.allSatisfy(\.isWhitespace), entry != entries.last else { return false }
        entries.append(entry)
        if entries.count > limit {
            entries.removeFirst(entries.count - limit)
        }
        return true
    }

    /// Writes the history to `fileURL`, replacing the file atomically; does nothing without a file.
    ///
    /// - Throws: `LineEditorError` when the file cannot be written.
    public func save() throws {
        guard let fileURL else { return }
        try HistoryFile.write(entries, to: fileURL)
    }
}
