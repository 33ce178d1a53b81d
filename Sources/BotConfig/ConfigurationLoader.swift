public import Foundation
import Yams

/// Reads `BotConfiguration` from a YAML file and the environment.
///
/// Precedence: built-in defaults, then the file, then environment variables. Unknown keys, wrong types
/// and out-of-range values are errors with `file:line` (or the variable's name), never silently ignored.
public struct ConfigurationLoader: Sendable {
    /// The file used when none is given and it exists.
    public static let defaultPath = "Config/huabei-bot.yaml"

    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Loads the configuration. With `path` nil, reads `defaultPath` if it exists, else only defaults and
    /// the environment. A path that was asked for explicitly must exist.
    public func load(path: String?) throws(DataFileErrors) -> BotConfiguration {
        var configuration = BotConfiguration()
        var errors: [DataFileError] = []
        let filePath = path ?? (FileManager.default.fileExists(atPath: Self.defaultPath) ? Self.defaultPath : nil)
        if let filePath {
            do {
                let file = try YAMLFile(path: filePath)
                errors += apply(file, to: &configuration)
            } catch {
                errors.append(error)
            }
        }
        errors += applyEnvironment(to: &configuration)
        guard errors.isEmpty else { throw DataFileErrors(errors) }
        return configuration
    }

    /// Applies a parsed configuration file's keys; returns the problems found, each at its line.
    func apply(_ file: YAMLFile, to configuration: inout BotConfiguration) -> [DataFileError] {
        guard let root = file.root else { return [] }  // an empty file keeps the defaults
        var errors: [DataFileError] = []
        let keysByPath = Dictionary(uniqueKeysWithValues: BotConfiguration.keys.map { ($0.path, $0) })
        func visit(_ node: Node, prefix: String) {
            guard let pairs = node.stringKeyedPairs else {
                errors.append(file.error(at: node, "expected a mapping of keys under '\(prefix.isEmpty ? "the top level" : prefix)'"))
                return
            }
            for (name, keyNode, value) in pairs {
                let path = prefix.isEmpty ? name : "\(prefix).\(name)"
                if let key = keysByPath[path] {
                    guard let text = value.scalar?.string else {
                        errors.append(file.error(at: value, "'\(path)' expects a single value"))
                        continue
                    }
                    do {
                        try key.apply(&configuration, text)
                    } catch {
                        errors.append(file.error(at: value, "'\(path)': \(error.message)"))
                    }
                } else if keysByPath.keys.contains(where: { $0.hasPrefix(path + ".") }) {
                    visit(value, prefix: path)
                } else {
                    errors.append(file.error(at: keyNode, "unknown key '\(path)'\(suggestion(for: path))"))
                }
            }
        }
        visit(root, prefix: "")
        return errors
    }

    private func applyEnvironment(to configuration: inout BotConfiguration) -> [DataFileError] {
        var errors: [DataFileError] = []
        for key in BotConfiguration.keys {
            guard let text = environment[key.environmentVariable] else { continue }
            do {
                try key.apply(&configuration, text)
            } catch {
                errors.append(DataFileError(SourceLocation(file: "environment \(key.environmentVariable)"), error.message))
            }
        }
        return errors
    }

    private func suggestion(for path: String) -> String {
        let known = BotConfiguration.keys.map(\.path)
        // Keys more than 3 characters longer or shorter are farther than 3 edits: not measured (fuzzing found the
        // distances to every key for every unknown one to be most of a configuration file's reading time).
        let length = path.count
        let closest = known.filter { abs($0.count - length) <= 3 }.map { ($0, Self.editDistance($0, path)) }.min { $0.1 < $1.1 }
        if let closest, closest.1 <= 3 { return "; did you mean '\(closest.0)'?" }
        return "; known keys: " + known.joined(separator: ", ")
    }

    /// Levenshtein distance, for "did you mean" hints.
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs), b = Array(rhs)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
