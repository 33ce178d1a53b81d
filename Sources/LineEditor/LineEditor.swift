/// Reads lines from a terminal with editing, history and correct cursor placement for wide characters.
///
/// Chinese characters and most emoji take two columns, and one backspace deletes one whole character.
/// Keys: Left/Right (Ctrl-B/F), Home/End (Ctrl-A/E), Alt-B/F and Ctrl-Left/Right for words, Backspace,
/// Delete, Ctrl-K, Ctrl-U, Ctrl-W, Ctrl-Y (insert what those deleted), Ctrl-L (clear the screen), Up/Down
/// (Ctrl-P/N) for history, Enter, Ctrl-D (end of input on an empty line, delete otherwise) and Ctrl-C.
///
/// Use it only when `LineEditor.isInteractive`; otherwise input is a pipe or a file, and the caller should
/// read it with plain `Swift.readLine()`:
/// ```swift
/// if LineEditor.isInteractive {
///     let editor = LineEditor(history: try LineHistory(fileURL: LineHistory.defaultFileURL))
///     while let line = try editor.readLine(prompt: "你> ") { … }
/// } else {
///     while let line = Swift.readLine() { … }
/// }
/// ```
///
/// An editor is used from one thread at a time.
public final class LineEditor {
    /// The lines entered so far. `readLine(prompt:)` adds each line it returns.
    public private(set) var history: LineHistory

    /// The last failure to save the history file, if any. A line is returned even when its history
    /// cannot be saved: losing the user's input over the history file would be worse.
    public private(set) var historySaveError: (any Error)?

    private let terminal: any TerminalIO
    private var decoder = KeyDecoder()

    /// Keys read after the end of the previous line (several lines pasted at once), for the next one.
    private var pendingKeys: ArraySlice<Key> = []

    /// What Ctrl-Y inserts; kept from one line to the next.
    private var killed = ""

    /// An editor for `terminal`, starting with `history`.
    ///
    /// - Parameters:
    ///   - history: earlier lines for Up and Down. Give it a `fileURL` to keep lines between runs.
    ///   - terminal: where keys come from and the line is drawn; standard input and output by default.
    public init(history: LineHistory = LineHistory(), terminal: some TerminalIO = SystemTerminal()) {
        self.history = history
        self.terminal = terminal
    }

    /// Whether standard input and standard output are both terminals (and `TERM` is not `dumb`). When
    /// they are not, do not use a `LineEditor`: read with `Swift.readLine()`.
    public static var isInteractive: Bool {
        SystemTerminal.isInteractive
    }

    /// Shows `prompt`, lets the user edit a line, and returns it when they press Enter.
    ///
    /// The terminal is in raw mode only while this runs, and is restored on every way out, errors
    /// included. A returned line that is not blank and differs from the previous entry is added to
    /// `history`, and the history file is saved.
    ///
    /// - Parameter prompt: text shown before the line, on one row; SGR colour sequences are allowed.
    /// - Returns: The line, without its line break; or `nil` at the end of input: Ctrl-D on an empty
    ///   line, or the terminal closing with nothing typed. (Closing with text typed returns that text.)
    /// - Throws: `LineEditorError.interrupted` on Ctrl-C: the line is discarded, `^C` is shown and the
    ///   cursor goes to a new row, so the caller can simply prompt again (or quit).
    ///   `LineEditorError.terminal` when the terminal cannot be used.
    public func readLine(prompt: String) throws -> String? {
        try terminal.enterRawMode()
        defer { terminal.leaveRawMode() }

        var session = EditSession(history: history.entries, killed: killed)
        defer { killed = session.killed }
        var renderer = LineRenderer()
        try terminal.write(renderer.render(prompt: prompt, buffer: session.buffer, columns: columns))

        while true {
            let action: EditSession.Action
            if let key = pendingKeys.popFirst() {
                action = session.handle(key)
            } else {
                let bytes = try terminal.readBytes()
                if !bytes.isEmpty {
                    pendingKeys = ArraySlice(decoder.decode(bytes))
                    continue
                }
                action = session.endOfInput()
            }

            switch action {
            case .none:
                break
            case .bell:
                try terminal.write("\u{07}")
            case .redraw:
                try terminal.write(renderer.render(prompt: prompt, buffer: session.buffer, columns: columns))
            case .clearScreen:
                renderer.reset()
                let line = renderer.render(prompt: prompt, buffer: session.buffer, columns: columns)
                try terminal.write("\u{1B}[H\u{1B}[2J" + line)
            case .submit(let line):
                try terminal.write(renderer.finish(prompt: prompt, buffer: session.buffer, columns: columns))
                record(line)
                return line
            case .endOfFile:
                try terminal.write(renderer.finish(prompt: prompt, buffer: session.buffer, columns: columns))
                return nil
            case .interrupt:
                var shown = session.buffer
                shown.moveToEnd()
                let line = renderer.render(prompt: prompt, buffer: shown, columns: columns)
                pendingKeys = []  // Ctrl-C cancels whatever was typed ahead as well.
                try terminal.write(line + "^C\r\n")
                throw LineEditorError.interrupted
            }
        }
    }

    /// The terminal's width now: read at every drawing, so that resizing the window takes effect.
    private var columns: Int? {
        terminal.columns
    }

    /// Adds `line` to the history and saves the history file.
    private func record(_ line: String) {
        guard history.add(line) else { return }
        do {
            try history.save()
            historySaveError = nil
        } catch {
            historySaveError = error
        }
    }
}
