import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading and writing the history file: UTF-8, one entry per line, mode 0600.
enum HistoryFile {
    /// The lines of the file at `url`, or none when there is no file. Bytes that are not UTF-8 become
    /// U+FFFD rather than failing the whole history.
    static func read(_ url: URL) throws -> [String] {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch CocoaError.fileReadNoSuchFile {
            return []
        } catch {
            throw LineEditorError.historyFile(url.path, reason: error.localizedDescription)
        }
        return String(decoding: data, as: UTF8.self)
            .split(whereSeparator: \.isNewline)
            .map(String.init)
    }

    /// Replaces the file at `url` with `entries`, one per line.
    ///
    /// The text goes to a temporary file beside the target, created by `mkstemp` and so readable only by
    /// its owner from the start; `rename` then puts it in place. A crash half-way leaves the old history.
    static func write(_ entries: [String], to url: URL) throws {
        let path = url.path
        var template = Array("\(path).XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else {
            throw LineEditorError.historyFile(path, reason: "cannot create a temporary file: \(errorText())")
        }
        // mkstemp replaced the X's with the name it chose; drop the terminating NUL.
        let temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var succeeded = false
        defer {
            if !succeeded { unlink(temporaryPath) }
        }
        let text = entries.map { $0 + "\n" }.joined()
        var writeError = writeAll(Array(text.utf8), to: descriptor).map { describe(errno: $0) }
        if writeError == nil, fchmod(descriptor, 0o600) != 0 {
            writeError = errorText()
        }
        if close(descriptor) != 0, writeError == nil {
            writeError = errorText()
        }
        if let writeError {
            throw LineEditorError.historyFile(path, reason: writeError)
        }
        guard rename(temporaryPath, path) == 0 else {
            throw LineEditorError.historyFile(path, reason: errorText())
        }
        succeeded = true
    }

    /// The user's home directory: `$HOME`, or the password database's entry when `HOME` is unset.
    static func homeDirectory() -> String {
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty {
            return home
        }
        return FileManager.default.homeDirectoryForCurrentUser.path
    }

    private static func errorText() -> String {
        describe(errno: errno)
    }
}

