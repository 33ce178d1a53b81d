/// Draws the prompt and the line, and places the cursor, with ANSI escape sequences.
///
/// Each `render` starts from the row the previous one left the cursor on: it goes back to the prompt's
/// first row (`ESC [ n A`, `\r`), writes prompt and text, clears what is left of older, longer drawings
/// (`ESC [ K` when everything fits on one row, `ESC [ J` otherwise), and moves the cursor to the column
/// the display widths give (`\r` then `ESC [ n C`, after `ESC [ n A` when the line wrapped).
///
/// Wrapping follows what terminals do: a character that does not fit in what is left of a row starts the
/// next one, so a Chinese character never straddles two rows. When the text ends exactly at the right
/// margin the cursor is sent to the next row explicitly, since terminals leave it pending on the margin.
///
/// The prompt is expected on one row; it may contain SGR colour sequences (`ESC [ … m`), which take no
/// columns.
struct LineRenderer: Sendable {
    /// A row and column on the screen, counted from the prompt's first row and the left margin.
    struct Position: Hashable, Sendable {
        var row: Int
        var column: Int
    }

    /// The cursor's row after the last render, counted from the prompt's first row.
    private(set) var cursorRow = 0

    /// How many rows the last render used.
    private(set) var rowCount = 1

    /// Whether the last render's text ended on the right margin, leaving the cursor on an empty row.
    private var endedOnMargin = false

    init() {}

    /// Escape sequences and text that draw `prompt` and `buffer` on a terminal `columns` wide (`nil`:
    /// unknown, never wrap).
    mutating func render(prompt: String, buffer: LineBuffer, columns: Int?) -> String {
        let width = columns.flatMap { $0 >= 2 ? $0 : nil }  // Too narrow to hold a Chinese character.
        var layout = Layout(width: width)
        for character in Self.visibleCharacters(of: prompt) {
            layout.place(character)
        }
        var cursor: Position?
        for (index, character) in buffer.characters.enumerated() {
            if index == buffer.cursor {
                cursor = layout.positionBefore(character)
            }
            layout.place(character)
        }
        let end = layout.endPosition
        let cursorPosition = cursor ?? end

        var output = ""
        if cursorRow > 0 {
            output += "\u{1B}[\(cursorRow)A"
        }
        output += "\r" + prompt + buffer.text
        if layout.endsOnMargin {
            output += "\r\n"  // Leave the pending-wrap state, so that clearing does not erase the last cell.
        }
        let rows = end.row + 1
        output += rows == 1 && rowCount == 1 ? "\u{1B}[K" : "\u{1B}[J"
        if cursorPosition != end {
            if end.row > cursorPosition.row {
                output += "\u{1B}[\(end.row - cursorPosition.row)A"
            }
            output += "\r"
            if cursorPosition.column > 0 {
                output += "\u{1B}[\(cursorPosition.column)C"
            }
        }
        cursorRow = cursorPosition.row
        rowCount = rows
        endedOnMargin = layout.endsOnMargin
        return output
    }

    /// Draws the line with the cursor after its end, then starts a new row: the line is done.
    mutating func finish(prompt: String, buffer: LineBuffer, columns: Int?) -> String {
        var atEnd = buffer
        atEnd.moveToEnd()
        var output = render(prompt: prompt, buffer: atEnd, columns: columns)
        if !endedOnMargin {  // Otherwise the cursor is on a fresh row already.
            output += "\r\n"
        }
        reset()
        return output
    }

    /// Forgets the previous drawing, after the screen was cleared or a new line started.
    mutating func reset() {
        cursorRow = 0
        rowCount = 1
        endedOnMargin = false
    }

    /// The characters of `prompt` that take space on screen: control sequences (`ESC [ … final`) left out.
    static func visibleCharacters(of prompt: String) -> [Character] {
        var visible: [Character] = []
        var inSequence = false
        var afterEscape = false
        for character in prompt {
            if afterEscape {
                afterEscape = false
                inSequence = character == "["
            } else if inSequence {
                if let scalar = character.unicodeScalars.first, (0x40...0x7E).contains(scalar.value) {
                    inSequence = false
                }
            } else if character == "\u{1B}" {
                afterEscape = true
            } else if DisplayWidth.of(character) > 0 {
                visible.append(character)
            }
        }
        return visible
    }
}

extension LineRenderer {
    /// Where characters land as a terminal of a given width prints them one after another.
    struct Layout: Sendable {
        /// The width in columns, or `nil` for no wrapping.
        let width: Int?

        /// Where the next character would start if it fits on the row.
        private var next = Position(row: 0, column: 0)

        init(width: Int?) {
            self.width = width
        }

        /// Where `character` lands if printed now: at the next column, or at the start of the next row
        /// when it does not fit in what is left of this one.
        func positionBefore(_ character: Character) -> Position {
            let columns = DisplayWidth.of(character)
            if let width, columns > 0, next.column + columns > width {
                return Position(row: next.row + 1, column: 0)
            }
            return next
        }

        mutating func place(_ character: Character) {
            let start = positionBefore(character)
            next = Position(row: start.row, column: start.column + DisplayWidth.of(character))
        }

        /// Whether the last character filled its row up to the margin.
        var endsOnMargin: Bool {
            guard let width else { return false }
            return next.column >= width
        }

        /// Where the cursor is after everything placed so far, once moved off the margin.
        var endPosition: Position {
            endsOnMargin ? Position(row: next.row + 1, column: 0) : next
        }
    }
}
