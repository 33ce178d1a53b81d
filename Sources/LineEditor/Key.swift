/// One editing command decoded from terminal input.
///
/// Control keys are named after what they do; the comments give the bytes that produce them.
enum Key: Hashable, Sendable {
    /// Printable text: one key press, or a run of them that arrived in one read (typing fast, pasting).
    case text(String)
    /// CR or LF.
    case enter
    /// DEL (0x7F) or BS (0x08, Ctrl-H).
    case backspace
    /// `ESC [ 3 ~`.
    case delete
    /// Left arrow or Ctrl-B.
    case left
    /// Right arrow or Ctrl-F.
    case right
    /// Up arrow or Ctrl-P.
    case up
    /// Down arrow or Ctrl-N.
    case down
    /// Home or Ctrl-A.
    case home
    /// End or Ctrl-E.
    case end
    /// Alt-B or Ctrl-Left.
    case wordLeft
    /// Alt-F or Ctrl-Right.
    case wordRight
    /// Ctrl-K.
    case killToEnd
    /// Ctrl-U.
    case killToStart
    /// Ctrl-W or Alt-Backspace.
    case deleteWordBackward
    /// Ctrl-Y: inserts the text deleted last by Ctrl-K, Ctrl-U or Ctrl-W.
    case yank
    /// Ctrl-D: end of input on an empty line, delete forward otherwise.
    case controlD
    /// Ctrl-C.
    case interrupt
    /// Ctrl-L.
    case clearScreen
}
