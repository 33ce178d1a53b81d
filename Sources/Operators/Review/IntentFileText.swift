import Foundation

/// Adds an example to the text of an intent file by editing lines, not by re-serialising the YAML, so
/// every comment, blank line, quote style and key order stays as the author wrote it.
///
/// The new item goes right after the last item of the top-level `examples:` block list (after a
/// multi-line item's continuation lines, before any comment that follows the list), indented like the
/// items before it, in the file's line ending.
struct IntentFileText {
    /// Why the file cannot be edited this way; the operator adds the example by hand.
    enum EditError: Error, Equatable, CustomStringConvertible {
        case noExamplesKey
        case notABlockList(line: Int)

        var description: String {
            switch self {
            case .noExamplesKey: "no top-level 'examples:' key"
            case .notABlockList(let line): "line \(line): 'examples' is not a block list ('- text' items), add the example by hand"
            }
        }
    }

    var text: String

    /// The text with `example` appended, and the 1-based line it is on.
    func appending(_ example: String) throws(EditError) -> (text: String, line: Int) {
        let lineBreak = text.contains("\r\n") ? "\r\n" : "\n"
        var lines = text.components(separatedBy: lineBreak)
        // A final line break leaves an empty last element; remember it and put it back.
        let endsWithBreak = lines.last == ""
        if endsWithBreak { lines.removeLast() }

        guard let keyIndex = lines.firstIndex(where: Self.isExamplesKey) else { throw .noExamplesKey }
        let afterKey = Self.valueAfterKey(lines[keyIndex])
        guard afterKey.isEmpty else { throw .notABlockList(line: keyIndex + 1) }

        var itemIndent: Int?
        var insertAfter = keyIndex
        var index = keyIndex + 1
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.drop { $0 == " " }
            let indent = line.count - trimmed.count
            if trimmed.isEmpty || trimmed.hasPrefix("#") {
                index += 1
                continue
            }
            if trimmed.hasPrefix("\t") { throw .notABlockList(line: index + 1) }
            let isItem = trimmed == "-" || trimmed.hasPrefix("- ")
            if let expected = itemIndent {
                if isItem, indent == expected {
                    insertAfter = index
                } else if indent > expected {
                    insertAfter = index  // continuation of the item above
                } else {
                    break
                }
            } else {
                guard isItem else { break }
                itemIndent = indent
                insertAfter = index
            }
            index += 1
        }
        let indent = String(repeating: " ", count: itemIndent ?? 2)
        lines.insert(indent + "- " + YAMLScalar.render(example), at: insertAfter + 1)
        return (lines.joined(separator: lineBreak) + (endsWithBreak ? lineBreak : ""), insertAfter + 2)
    }

    /// `examples:` at the start of a line, with or without a value or a comment after it.
    private static func isExamplesKey(_ line: String) -> Bool {
        guard line.hasPrefix("examples") else { return false }
        let rest = line.dropFirst("examples".count).drop { $0 == " " }
        return rest.hasPrefix(":")
    }

    /// What follows `examples:` on its line, without a trailing comment.
    private static func valueAfterKey(_ line: String) -> Substring {
        let afterColon = line.drop { $0 != ":" }.dropFirst()
        let value = afterColon.drop { $0 == " " || $0 == "\t" }
        if value.hasPrefix("#") { return "" }
        return value
    }
}
