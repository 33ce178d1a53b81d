public import Foundation
public import Yams

/// A YAML file parsed to nodes that remember their line, so every later check can point at the line.
public struct YAMLFile {
    /// The path as given, used in messages.
    public let path: String
    /// The document's root node; nil for an empty file.
    public let root: Node?

    /// Reads and parses `path`. Unreadable files, invalid UTF-8 and YAML syntax errors become a
    /// `DataFileError` that names the file and line.
    public init(path: String) throws(DataFileError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DataFileError(SourceLocation(file: path), "cannot read the file (\(Self.reason(error)))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataFileError(SourceLocation(file: path), "the file is not valid UTF-8 text")
        }
        try self.init(path: path, text: text)
    }

    /// Parses `text` as if it were the file at `path`.
    public init(path: String, text: String) throws(DataFileError) {
        self.path = path
        do {
            // The basic resolver keeps every scalar as text: the readers parse values themselves, with
            // messages that name the key, and YAML 1.1's implicit booleans (`no`, `y`) stay words.
            // It also skips the default resolver's regular expressions, which cost ~5 MB at start-up.
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw Self.describe(error, path: path)
        } catch {
            throw DataFileError(SourceLocation(file: path), "cannot parse YAML: \(error)")
        }
    }

    /// The location of `node` in this file.
    public func location(of node: Node?) -> SourceLocation {
        SourceLocation(file: path, line: node?.mark?.line)
    }

    /// An error at `node`.
    public func error(at node: Node?, _ message: String) -> DataFileError {
        DataFileError(location(of: node), message)
    }

    private static func describe(_ error: YamlError, path: String) -> DataFileError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return DataFileError(SourceLocation(file: path, line: mark.line), "invalid YAML: \(prefix)\(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return DataFileError(SourceLocation(file: path, line: context.mark.line), "duplicate key \(keys): each key may appear once in a mapping")
        case .reader(let problem, _, _, _):
            return DataFileError(SourceLocation(file: path), "invalid YAML text: \(problem)")
        default:
            return DataFileError(SourceLocation(file: path), "invalid YAML: \(error)")
        }
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError { return "no such file" }
        return nsError.localizedDescription
    }
}

extension Node {
    /// The pairs of a mapping with string keys, in file order; nil when the node is not a mapping.
    public var stringKeyedPairs: [(key: String, keyNode: Node, value: Node)]? {
        guard let mapping else { return nil }
        return mapping.map { pair in (pair.key.string ?? "", pair.key, pair.value) }
    }
}
