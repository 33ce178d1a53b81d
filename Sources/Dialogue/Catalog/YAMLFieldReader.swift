import BotConfig
import Yams

/// Typed access to a YAML mapping's fields that records a located problem instead of failing.
struct YAMLFieldReader {
    let file: YAMLFile
    var problems: [DataFileError] = []

    init(file: YAMLFile) {
        self.file = file
    }

    mutating func problem(_ node: Node?, _ message: String) {
        problems.append(file.error(at: node, message))
    }

    mutating func problem(line: Int?, _ message: String) {
        problems.append(DataFileError(SourceLocation(file: file.path, line: line), message))
    }

    /// The root mapping's fields by key, flagging keys not in `allowed`.
    mutating func fields(of node: Node?, allowed: [String], context: String) -> [String: Node]? {
        guard let node else {
            problem(nil, "the file is empty: expected a mapping with \(allowed.prefix(4).joined(separator: ", ")) …")
            return nil
        }
        guard let pairs = node.stringKeyedPairs else {
            problem(node, "expected a mapping for \(context)")
            return nil
        }
        var fields: [String: Node] = [:]
        for (key, keyNode, value) in pairs {
            if !allowed.contains(key) {
                problem(keyNode, "unknown key '\(key)' in \(context); allowed: \(allowed.joined(separator: ", "))")
            } else if fields[key] != nil {
                problem(keyNode, "duplicate key '\(key)' in \(context)")
            } else {
                fields[key] = value
            }
        }
        return fields
    }

    /// A required non-empty string.
    mutating func text(_ fields: [String: Node], _ key: String, in node: Node?, context: String) -> String? {
        guard let value = fields[key] else {
            problem(node, "missing '\(key)' in \(context)")
            return nil
        }
        return nonEmptyText(value, key: key)
    }

    /// An optional non-empty string.
    mutating func optionalText(_ fields: [String: Node], _ key: String) -> String? {
        guard let value = fields[key] else { return nil }
        return nonEmptyText(value, key: key)
    }

    mutating func nonEmptyText(_ value: Node, key: String) -> String? {
        guard let scalar = value.scalar else {
            problem(value, "'\(key)' must be text, not a list or mapping")
            return nil
        }
        let text = scalar.string.trimmed
        guard !text.isEmpty, value.tag.description != "tag:yaml.org,2002:null" else {
            problem(value, "'\(key)' is empty")
            return nil
        }
        return text
    }

    /// A list of non-empty strings with their lines.
    mutating func textList(_ value: Node?, key: String) -> [(text: String, line: Int?)]? {
        guard let value else { return nil }
        guard let sequence = value.sequence else {
            problem(value, "'\(key)' must be a list (items starting with '- ')")
            return nil
        }
        var items: [(String, Int?)] = []
        for item in sequence {
            guard let scalar = item.scalar else {
                problem(item, "each item of '\(key)' must be plain text; quote it if it contains ': ' or starts with a special character")
                continue
            }
            let text = scalar.string.trimmed
            if text.isEmpty {
                problem(item, "empty item in '\(key)'")
                continue
            }
            items.append((text, item.mark?.line))
        }
        return items
    }
}

#if canImport(Foundation)
import Foundation
#endif
