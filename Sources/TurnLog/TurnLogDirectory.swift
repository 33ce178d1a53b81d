import Foundation

/// The folder the daemon writes turn logs to (`DATA/logs`), and the files in it.
public struct TurnLogDirectory: Sendable {
    /// The folder's path.
    public var path: String

    /// The log folder inside a data folder: `DATA/logs`.
    public init(dataDirectory: String) {
        self.init(path: (dataDirectory as NSString).appendingPathComponent("logs"))
    }

    public init(path: String) {
        self.path = path
    }

    /// The turn log files whose name's day lies in `days`, in reading order (`TurnLogFile`'s `<`).
    ///
    /// When both `X` and `X.gz` exist, compression was still running (gzip removes `X` only once `X.gz` is
    /// complete): `X` is read and `X.gz` left out, so no line is counted twice.
    public func files(in days: ClosedRange<LogDay>? = nil) throws(TurnLogReadError) -> [TurnLogFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .noLogDirectory(path)
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw .cannotList(path, reason: error.localizedDescription)
        }
        let files = names.compactMap { TurnLogFile(path: (path as NSString).appendingPathComponent($0)) }
            .filter { days?.contains($0.day) ?? true }
        let plain = Set(files.filter { !$0.isCompressed }.map(\.path))
        return files.filter { !$0.isCompressed || !plain.contains($0.uncompressedPath) }.sorted()
    }
}
