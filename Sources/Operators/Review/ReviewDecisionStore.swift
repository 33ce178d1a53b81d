import Foundation

/// Remembers review decisions in `DATA/review/decisions.jsonl`, one JSON object a line, appended as they
/// are made, so a message decided once is not asked again, even after a crash mid-session.
public struct ReviewDecisionStore: Sendable {
    /// The file.
    public var path: String

    /// The store of a data folder: `DATA/review/decisions.jsonl`.
    public init(dataDirectory: String) {
        self.init(path: ((dataDirectory as NSString).appendingPathComponent("review") as NSString).appendingPathComponent("decisions.jsonl"))
    }

    public init(path: String) {
        self.path = path
    }

    /// Every decision so far; none when the file does not exist yet. Unreadable lines (a crash
    /// mid-write) are skipped.
    public func load() throws(ReviewError) -> [ReviewDecision] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        guard let data = FileManager.default.contents(atPath: path) else { throw .cannotRead(path) }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return data.split(separator: 0x0A).compactMap { try? decoder.decode(ReviewDecision.self, from: Data($0)) }
    }

    /// Appends one decision and flushes it to disk.
    public func append(_ decision: ReviewDecision) throws(ReviewError) {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            var line = try encoder.encode(decision)
            line.append(0x0A)
            let folder = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.createFile(atPath: path, contents: nil) else { throw ReviewError.cannotWrite(path, "cannot create the file") }
            }
            guard let handle = FileHandle(forWritingAtPath: path) else { throw ReviewError.cannotWrite(path, "cannot open the file") }
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: line)
            try handle.synchronize()
        } catch let error as ReviewError {
            throw error
        } catch {
            throw .cannotWrite(path, error.localizedDescription)
        }
    }
}
