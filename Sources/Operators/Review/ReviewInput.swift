import Foundation
public import LineEditor

/// Where review answers come from: single keys from a terminal, or lines from a script.
public protocol ReviewInput {
    /// The next answer: one key, or a typed word (`overdue`, `skip`); `nil` at the end of input.
    mutating func nextAnswer() throws(ReviewError) -> String?
}

/// Single key presses from a terminal in raw mode: no Enter needed. Ctrl-C and Ctrl-D quit.
///
/// Uses `LineEditor`'s `TerminalIO`, so tests can drive it with scripted bytes.
public struct TerminalReviewInput: ReviewInput {
    private let terminal: any TerminalIO
    private var pending: [UInt8] = []

    /// Puts `terminal` in raw mode until `finish()`.
    public init(terminal: any TerminalIO) throws(ReviewError) {
        self.terminal = terminal
        do {
            try terminal.enterRawMode()
        } catch {
            throw .terminal("cannot switch the terminal to raw mode: \(error)")
        }
    }

    public mutating func nextAnswer() throws(ReviewError) -> String? {
        while true {
            if pending.isEmpty {
                do {
                    pending = try terminal.readBytes()
                } catch {
                    throw .terminal("\(error)")
                }
                if pending.isEmpty { return nil }
            }
            let byte = pending.removeFirst()
            switch byte {
            case 0x1B:
                // An escape sequence (arrow keys, function keys): drop the rest of this read.
                pending.removeAll()
            case 0x03, 0x04:
                return "q"
            case 0x20..<0x7F:
                return String(UnicodeScalar(byte))
            default:
                continue  // Enter, other controls, bytes of non-ASCII characters: no meaning here
            }
        }
    }

    /// Restores the terminal's mode.
    public func finish() {
        terminal.leaveRawMode()
    }
}

/// One answer per line, for scripts and tests (`printf '3\ns\no\nq\n' | huabei-bot review`). Blank lines
/// and lines starting with `#` are skipped. Lines are read as they are needed, so a program can answer
/// each question after reading it.
public struct LineReviewInput: ReviewInput {
    private var nextLine: () -> String?

    public init(lines: [String]) {
        var remaining = lines.reversed() as [String]
        nextLine = { remaining.popLast() }
    }

    /// Lines from standard input.
    public static func standardInput() -> LineReviewInput {
        var input = LineReviewInput(lines: [])
        input.nextLine = { readLine(strippingNewline: true) }
        return input
    }

    public mutating func nextAnswer() throws(ReviewError) -> String? {
        while let line = nextLine() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            return trimmed
        }
        return nil
    }
}
