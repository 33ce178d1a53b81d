/// The editing of one line, as a state machine: it takes `Key`s and says what the terminal should do.
///
/// The session owns the buffer and the walk through history. Up and Down move through a snapshot of the
/// history taken when the line started; the line being typed sits after the newest entry, and any edits
/// made to it, or to a recalled entry, are kept while moving around, so coming back down finds them again.
/// Submitting a line does not change the history: the editor records it.
struct EditSession: Sendable {
    /// What the editor should do after a key.
    enum Action: Hashable, Sendable {
        /// Nothing changed.
        case none
        /// Draw the line again.
        case redraw
        /// Ring the bell: the key could not do anything (Up at the oldest entry).
        case bell
        /// Clear the screen, then draw the line at the top.
        case clearScreen
        /// The line is finished (Enter).
        case submit(String)
        /// Ctrl-D on an empty line: no more input.
        case endOfFile
        /// Ctrl-C: the line is abandoned.
        case interrupt
    }

    /// The line as it is now.
    private(set) var buffer = LineBuffer()

    /// The text last deleted by Ctrl-K, Ctrl-U or Ctrl-W, which Ctrl-Y inserts.
    private(set) var killed: String

    private let history: [String]

    /// Which line is shown: an index into `history`, or `history.count` for the new line.
    private var historyIndex: Int

    /// Lines edited and then left with Up or Down, by history index.
    private var edits: [Int: LineBuffer] = [:]

    /// A session for a new, empty line.
    ///
    /// - Parameters:
    ///   - history: earlier lines, oldest first, for Up and Down.
    ///   - killed: the text Ctrl-Y inserts until something is deleted.
    init(history: [String] = [], killed: String = "") {
        self.history = history
        self.historyIndex = history.count
        self.killed = killed
    }

    /// Applies one key.
    mutating func handle(_ key: Key) -> Action {
        switch key {
        case .text(let text):
            buffer.insert(text)
        case .enter:
            return .submit(buffer.text)
        case .backspace:
            return buffer.deleteBackward() ? .redraw : .none
        case .delete:
            return buffer.deleteForward() ? .redraw : .none
        case .controlD:
            if buffer.isEmpty { return .endOfFile }
            return buffer.deleteForward() ? .redraw : .none
        case .interrupt:
            return .interrupt
        case .left:
            return buffer.moveLeft() ? .redraw : .none
        case .right:
            return buffer.moveRight() ? .redraw : .none
        case .home:
            buffer.moveToStart()
        case .end:
            buffer.moveToEnd()
        case .wordLeft:
            buffer.moveWordLeft()
        case .wordRight:
            buffer.moveWordRight()
        case .killToEnd:
            remember(buffer.killToEnd())
        case .killToStart:
            remember(buffer.killToStart())
        case .deleteWordBackward:
            remember(buffer.deleteWordBackward())
        case .yank:
            buffer.insert(killed)
        case .up:
            return showHistory(at: historyIndex - 1)
        case .down:
            return showHistory(at: historyIndex + 1)
        case .clearScreen:
            return .clearScreen
        }
        return .redraw
    }

    /// What end of input (the terminal closed) means here: the line so far, or the end if it is empty.
    func endOfInput() -> Action {
        buffer.isEmpty ? .endOfFile : .submit(buffer.text)
    }

    private mutating func remember(_ text: String) {
        if !text.isEmpty {
            killed = text
        }
    }

    /// Shows history line `index` (`history.count` being the new line), keeping the current line's edits.
    private mutating func showHistory(at index: Int) -> Action {
        guard (0...history.count).contains(index) else { return .bell }
        edits[historyIndex] = buffer
        historyIndex = index
        buffer = edits[index] ?? LineBuffer(index < history.count ? history[index] : "")
        return .redraw
    }
}
