import BotConfig
import Dialogue
import Foundation

/// Adds a training example to an intent file, then checks the whole catalog as `intents check` does, and
/// puts the file back as it was if the catalog no longer loads (or the example does not read back as the
/// same text).
public struct ExampleAppender: Sendable {
    /// What became of an example.
    public enum Outcome: Sendable, Equatable {
        /// Added at `file:line`; the catalog loads, with this many intents and examples.
        case added(file: String, line: Int, intents: Int, examples: Int)
        /// Not added: the file was restored. `problems` says why (the catalog's errors, `file:line: message`).
        case rolledBack(file: String, problems: [String])
        /// Not attempted: the file is missing or cannot be edited as text.
        case refused(file: String, reason: String)
    }

    /// The intents folder.
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The file of `intent`: `<intent>.yaml`, or `.yml` if that is what exists.
    public func file(of intent: String) -> String {
        let yml = (directory as NSString).appendingPathComponent("\(intent).yml")
        let yaml = (directory as NSString).appendingPathComponent("\(intent).yaml")
        return !FileManager.default.fileExists(atPath: yaml) && FileManager.default.fileExists(atPath: yml) ? yml : yaml
    }

    public func append(_ example: String, to intent: String) -> Outcome {
        let path = file(of: intent)
        guard let original = FileManager.default.contents(atPath: path) else {
            return .refused(file: path, reason: "cannot read the file (is '\(intent)' an intent?)")
        }
        guard let text = String(data: original, encoding: .utf8) else {
            return .refused(file: path, reason: "the file is not UTF-8 text")
        }
        // Line breaks inside a message would make a multi-line example; a chat message reads the same on one line.
        let example = example.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        guard !example.isEmpty else { return .refused(file: path, reason: "the message is empty") }
        let edited: (text: String, line: Int)
        do {
            edited = try IntentFileText(text: text).appending(example)
        } catch {
            return .refused(file: path, reason: error.description)
        }
        if let problem = Self.overwrite(path, with: Data(edited.text.utf8)) {
            _ = Self.overwrite(path, with: original)
            return .refused(file: path, reason: problem)
        }
        do {
            let catalog = try IntentCatalogLoader(directory: directory).load()
            guard catalog.intent(intent)?.examples.contains(where: { $0.text == example }) == true else {
                _ = Self.overwrite(path, with: original)
                return .rolledBack(file: path, problems: ["\(path):\(edited.line): the new line did not read back as the example"])
            }
            return .added(
                file: path, line: edited.line, intents: catalog.intents.count,
                examples: catalog.intents.reduce(0) { $0 + $1.examples.count }
            )
        } catch {
            if let problem = Self.overwrite(path, with: original) {
                return .rolledBack(file: path, problems: error.errors.map(\.description) + ["could not restore \(path): \(problem)"])
            }
            return .rolledBack(file: path, problems: error.errors.map(\.description))
        }
    }

    /// Replaces the file's contents in place, keeping its inode, owner and mode; the error, if any.
    private static func overwrite(_ path: String, with data: Data) -> String? {
        guard let handle = FileHandle(forWritingAtPath: path) else { return "cannot open the file for writing" }
        defer { try? handle.close() }
        do {
            try handle.truncate(atOffset: 0)
            try handle.write(contentsOf: data)
            try handle.synchronize()
            return nil
        } catch {
            return error.localizedDescription
        }
    }
}
