/// The line being edited: its text as grapheme clusters, and a cursor between two of them.
///
/// Every operation works on whole `Character`s, so one backspace removes one Chinese character or one
/// emoji with its skin-tone modifier or joiners, never part of a UTF-8 sequence. The buffer never holds
/// control characters (newlines, tabs, escapes): they would break the column arithmetic of the renderer.
struct LineBuffer: Hashable, Sendable {
    /// The text, one grapheme cluster per element.
    private(set) var characters: [Character]

    /// The number of characters before the cursor, in `0...characters.count`.
    private(set) var cursor: Int

    /// A buffer holding `text` with the cursor at its end.
    init(_ text: String = "") {
        characters = Array(Self.printable(text))
        cursor = characters.count
    }

    /// A buffer holding `text` with the cursor after `cursor` characters (clamped to the text).
    init(_ text: String, cursor: Int) {
        self.init(text)
        self.cursor = min(max(cursor, 0), characters.count)
    }

    /// The whole line.
    var text: String { String(characters) }

    var isEmpty: Bool { characters.isEmpty }

    var isCursorAtEnd: Bool { cursor == characters.count }

    /// Columns the whole line occupies on one terminal row.
    var displayWidth: Int { DisplayWidth.of(text) }

    /// Columns between the start of the line and the cursor.
    var displayWidthBeforeCursor: Int { characters[..<cursor].reduce(0) { $0 + DisplayWidth.of($1) } }

    // MARK: Inserting and deleting

    /// Inserts `text` at the cursor and moves the cursor after it. Control characters are dropped.
    ///
    /// The line is re-segmented, so a combining mark or an emoji modifier typed after its base joins the
    /// base's grapheme cluster instead of standing alone.
    mutating func insert(_ text: String) {
        let inserted = Self.printable(text)
        guard !inserted.isEmpty else { return }
        replace(before: String(characters[..<cursor]) + inserted, after: String(characters[cursor...]))
    }

    /// Deletes the character before the cursor. Returns `false` at the start of the line.
    @discardableResult
    mutating func deleteBackward() -> Bool {
        guard cursor > 0 else { return false }
        replace(before: String(characters[..<(cursor - 1)]), after: String(characters[cursor...]))
        return true
    }

    /// Deletes the character under the cursor. Returns `false` at the end of the line.
    @discardableResult
    mutating func deleteForward() -> Bool {
        guard cursor < characters.count else { return false }
        replace(before: String(characters[..<cursor]), after: String(characters[(cursor + 1)...]))
        return true
    }

    /// Deletes from the cursor to the end of the line (Ctrl-K) and returns what was deleted.
    @discardableResult
    mutating func killToEnd() -> String {
        let killed = String(characters[cursor...])
        characters.removeSubrange(cursor...)
        return killed
    }

    /// Deletes from the start of the line to the cursor (Ctrl-U) and returns what was deleted.
    @discardableResult
    mutating func killToStart() -> String {
        let killed = String(characters[..<cursor])
        replace(before: "", after: String(characters[cursor...]))
        return killed
    }

    /// Deletes the word before the cursor (Ctrl-W) and returns what was deleted.
    ///
    /// Words are separated by whitespace, as in readline's `unix-word-rubout`: the spaces just before the
    /// cursor go too. Chinese text has no spaces between words, so a run of Chinese goes as one word.
    @discardableResult
    mutating func deleteWordBackward() -> String {
        let start = wordStart(before: cursor)
        let killed = String(characters[start..<cursor])
        replace(before: String(characters[..<start]), after: String(characters[cursor...]))
        return killed
    }

    // MARK: Moving

    /// Moves one character left. Returns `false` at the start of the line.
    @discardableResult
    mutating func moveLeft() -> Bool {
        guard cursor > 0 else { return false }
        cursor -= 1
        return true
    }

    /// Moves one character right. Returns `false` at the end of the line.
    @discardableResult
    mutating func moveRight() -> Bool {
        guard cursor < characters.count else { return false }
        cursor += 1
        return true
    }

    /// Moves to the start of the line (Ctrl-A, Home).
    mutating func moveToStart() {
        cursor = 0
    }

    /// Moves to the end of the line (Ctrl-E, End).
    mutating func moveToEnd() {
        cursor = characters.count
    }

    /// Moves to the start of the word before the cursor (Alt-B, Ctrl-Left).
    mutating func moveWordLeft() {
        cursor = wordStart(before: cursor)
    }

    /// Moves to the end of the word after the cursor (Alt-F, Ctrl-Right).
    mutating func moveWordRight() {
        var index = cursor
        while index < characters.count, characters[index].isWhitespace { index += 1 }
        while index < characters.count, !characters[index].isWhitespace { index += 1 }
        cursor = index
    }

    // MARK: Helpers

    /// The start of the word that ends at `index`, skipping whitespace before it first.
    private func wordStart(before index: Int) -> Int {
        var start = index
        while start > 0, characters[start - 1].isWhitespace { start -= 1 }
        while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
        return start
    }

    /// Sets the line to `before + after` with the cursor between them, re-segmenting grapheme clusters
    /// where the two halves meet.
    private mutating func replace(before: String, after: String) {
        characters = Array(before + after)
        cursor = min(before.count, characters.count)
    }

    /// `text` without control characters.
    private static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            return text
        }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { $0.properties.generalCategory != .control })
        return String(scalars)
    }
}
