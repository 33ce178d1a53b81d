#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An error from the line editor: Ctrl-C, a terminal that refuses raw mode or I/O, a history file that
/// cannot be read or written.
///
/// Errors compare equal by kind, whatever their details, so both forms below work:
/// ```swift
/// do { line = try editor.readLine(prompt: "> ") }
/// catch LineEditorError.interrupted { continue }
///
/// catch let error as LineEditorError where error == .interrupted { continue }
/// ```
public struct LineEditorError: Error, Hashable, CustomStringConvertible {
    private enum Kind: Hashable {
        case interrupted
        case terminal
        case historyFile
    }

    private let kind: Kind
    private let detail: String

    private init(_ kind: Kind, detail: String) {
        self.kind = kind
        self.detail = detail
    }

    /// The user pressed Ctrl-C: the line being edited was discarded.
    public static let interrupted = LineEditorError(.interrupted, detail: "")

    /// The terminal failed: raw mode could not be set, or reading or writing failed.
    public static let terminal = LineEditorError(.terminal, detail: "")

    /// The history file could not be read or written.
    public static let historyFile = LineEditorError(.historyFile, detail: "")

    static func terminal(_ operation: String, errno code: Int32) -> LineEditorError {
        LineEditorError(.terminal, detail: "\(operation): \(describe(errno: code))")
    }

    static func historyFile(_ path: String, reason: String) -> LineEditorError {
        LineEditorError(.historyFile, detail: "\(path): \(reason)")
    }

    public var description: String {
        switch kind {
        case .interrupted: "interrupted"
        case .terminal: "terminal error: \(detail)"
        case .historyFile: "history file error: \(detail)"
        }
    }

    public static func == (lhs: LineEditorError, rhs: LineEditorError) -> Bool {
        lhs.kind == rhs.kind
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
    }

    /// Matches any error of the same kind as `pattern`, for `catch LineEditorError.interrupted`.
    public static func ~= (pattern: LineEditorError, value: any Error) -> Bool {
        (value as? LineEditorError) == pattern
    }
}

/// The C library's message for an `errno` value.
func describe(errno code: Int32) -> String {
    strerror(code).map { String(cString: $0) } ?? "error \(code)"
}
