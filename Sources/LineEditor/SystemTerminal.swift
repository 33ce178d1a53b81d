#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's terminal: keys from standard input, drawing on standard output, raw mode with termios.
///
/// Raw mode turns off echo, line buffering (`ICANON`), signal keys (`ISIG`, so Ctrl-C arrives as a byte
/// and the editor can restore the terminal before reporting it), `IEXTEN` and input CR-to-NL translation.
/// Output processing stays on, so `\n` written by others still starts a new line. The mode is restored by
/// `leaveRawMode()` and, as a last resort, when the terminal is deallocated.
public final class SystemTerminal: TerminalIO {
    private let input: Int32
    private let output: Int32

    /// The attributes raw mode replaced, while in raw mode.
    private var savedAttributes: termios?

    /// A terminal on standard input and standard output.
    public init() {
        input = STDIN_FILENO
        output = STDOUT_FILENO
    }

    deinit {
        leaveRawMode()
    }

    public func enterRawMode() throws {
        guard savedAttributes == nil else { return }
        var original = termios()
        guard tcgetattr(input, &original) == 0 else {
            throw LineEditorError.terminal("tcgetattr", errno: errno)
        }
        var raw = original
        raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        raw.c_cflag |= tcflag_t(CS8)
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { controlCharacters in
            controlCharacters[Int(VMIN)] = 1  // read(2) returns as soon as one byte is there,
            controlCharacters[Int(VTIME)] = 0  // and waits for it as long as it takes.
        }
        // TCSANOW rather than TCSAFLUSH: lines pasted ahead of the prompt must not be thrown away.
        guard tcsetattr(input, TCSANOW, &raw) == 0 else {
            throw LineEditorError.terminal("tcsetattr", errno: errno)
        }
        savedAttributes = original
    }

    public func leaveRawMode() {
        guard var original = savedAttributes else { return }
        savedAttributes = nil
        // Nothing useful to do if this fails: the terminal is gone or was never ours.
        _ = tcsetattr(input, TCSADRAIN, &original)
    }

    public func readBytes() throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let count = buffer.withUnsafeMutableBytes { bytes in
                read(input, bytes.baseAddress, bytes.count)
            }
            if count >= 0 {
                return Array(buffer.prefix(count))
            }
            if errno != EINTR {
                throw LineEditorError.terminal("read", errno: errno)
            }
        }
    }

    public func write(_ text: String) throws {
        if let code = writeAll(Array(text.utf8), to: output) {
            throw LineEditorError.terminal("write", errno: code)
        }
    }

    public var columns: Int? {
        var size = winsize()
        guard ioctl(output, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// Whether standard input and standard output are both terminals, and the terminal is not `dumb`.
    static var isInteractive: Bool {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return false }
        guard let term = getenv("TERM") else { return true }
        return String(cString: term) != "dumb"
    }
}

