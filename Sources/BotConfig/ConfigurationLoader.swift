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

    private func apply(_ file: YAMLFile, to configuration: inout BotConfiguration) -> [DataFileError] {
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
        let leaf = path.split(separator: ".").last.map(String.init) ?? path
        guard let match = BotConfiguration.keys.first(where: { $0.path.hasSuffix("." + leaf) }) else {
            return "; known keys: " + BotConfiguration.keys.map(\.path).joined(separator: ", ")
        }
        return "; did you mean '\(match.path)'?"
    }
}
