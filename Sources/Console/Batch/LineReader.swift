#if canImport(Glibc)
import Glibc
#endif

/// Reads lines from a file descriptor in large chunks, never holding more than one chunk and one line.
///
/// Lines end at `\n`; a `\r` before it is dropped, and a last line without a newline still counts, as with
/// `readLine(strippingNewline: true)`. Invalid UTF-8 is repaired the same way (U+FFFD).
public struct LineReader {
    private let descriptor: Int32
    private var chunk: [UInt8]
    private var start = 0
    private var end = 0
    private var carried: [UInt8] = []
    private var finished = false

    /// A reader of `descriptor` (standard input by default) with a read buffer of `chunkSize` bytes.
    public init(descriptor: Int32 = 0, chunkSize: Int = 1 << 20) {
        self.descriptor = descriptor
        self.chunk = [UInt8](repeating: 0, count: max(16, chunkSize))
    }

    /// Appends up to `limit` lines to `lines` (after removing what it held); returns false when the input has
    /// ended and no line was read.
    public mutating func read(upTo limit: Int, into lines: inout [String]) throws(LineReaderError) -> Bool {
        lines.removeAll(keepingCapacity: true)
        while lines.count < limit {
            if let line = try nextLine() {
                lines.append(line)
            } else {
                break
            }
        }
        return !lines.isEmpty
    }

    /// The next line, or nil at the end of the input.
    public mutating func nextLine() throws(LineReaderError) -> String? {
        while true {
            if let newline = chunk[start..<end].firstIndex(of: 0x0A) {
                let line: String
                if carried.isEmpty {
                    line = Self.text(chunk[start..<newline])
                } else {
                    carried.append(contentsOf: chunk[start..<newline])
                    line = Self.text(carried[...])
                    carried.removeAll(keepingCapacity: true)
                }
                start = newline + 1
                return line
            }
            carried.append(contentsOf: chunk[start..<end])
            start = 0
            end = 0
            let more = finished ? false : try fill()
            if !more {
                finished = true
                guard !carried.isEmpty else { return nil }
                defer { carried.removeAll() }
                return Self.text(carried[...])
            }
        }
    }

    /// Reads the next chunk; returns false at the end of the input.
    private mutating func fill() throws(LineReaderError) -> Bool {
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                end = count
                return true
            }
            if count == 0 { return false }
            if errno == EINTR { continue }
            throw LineReaderError(code: errno)
        }
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
        var bytes = bytes
        if bytes.last == 0x0D { bytes = bytes.dropLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Reading the input failed.
public struct LineReaderError: Error, CustomStringConvertible {
    /// The `errno` of the failed read.
    public let code: Int32

    public var description: String { "cannot read the input: \(String(cString: strerror(code)))" }
}
