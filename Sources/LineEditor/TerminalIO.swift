/// The terminal a `LineEditor` reads keys from and draws the line on.
///
/// `SystemTerminal` is the real one, on standard input and output. Tests use a fake that feeds scripted
/// bytes and records what was written.
public protocol TerminalIO {
    /// Switches input to raw mode: bytes arrive as typed, without echo, line buffering or signals.
    func enterRawMode() throws

    /// Restores the mode that `enterRawMode()` found. Harmless when not in raw mode.
    func leaveRawMode()

    /// Blocks until input is available and returns it; an empty array means end of input.
    func readBytes() throws -> [UInt8]

    /// Writes `text` to the screen.
    func write(_ text: String) throws

    /// The terminal's width in columns, or `nil` when unknown. Lines wider than this wrap.
    var columns: Int? { get }
}
