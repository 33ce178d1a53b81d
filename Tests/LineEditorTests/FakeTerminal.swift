@testable import LineEditor

/// A terminal that hands out scripted reads and records everything written to it.
final class FakeTerminal: TerminalIO {
    /// What the next `readBytes()` calls return, in order. After the last one: end of input, or `readError`.
    private var reads: [[UInt8]]

    /// Thrown by `readBytes()` once the scripted reads are used up, instead of reporting end of input.
    var readError: (any Error)?

    let columns: Int?

    private(set) var output = ""
    private(set) var isRaw = false
    private(set) var rawModeEntries = 0

    /// Every `write` while not in raw mode, which the editor should never do.
    private(set) var writesOutsideRawMode = 0

    init(reads: [[UInt8]], columns: Int? = 80) {
        self.reads = reads
        self.columns = columns
    }

    /// A terminal whose input is `text`'s UTF-8 bytes in one read per element.
    convenience init(typing chunks: String..., columns: Int? = 80) {
        self.init(reads: chunks.map { Array($0.utf8) }, columns: columns)
    }

    func enterRawMode() throws {
        isRaw = true
        rawModeEntries += 1
    }

    func leaveRawMode() {
        isRaw = false
    }

    func readBytes() throws -> [UInt8] {
        if reads.isEmpty {
            if let readError { throw readError }
            return []
        }
        return reads.removeFirst()
    }

    func write(_ text: String) throws {
        if !isRaw { writesOutsideRawMode += 1 }
        output += text
    }
}
