import CZlib
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file line by line in fixed memory, through zlib so that plain and gzip-compressed files read
/// alike (zlib passes plain files through unchanged and joins concatenated gzip members).
///
/// Lines are handed out as byte buffers valid only during the callback, without the `\n` (nor a `\r`
/// before it). A last line without `\n` is handed out too, marked unterminated.
final class LineFileReader {
    /// How a file's reading ended.
    enum Ending: Equatable {
        /// Every byte was read.
        case complete
        /// A gzip file stopped in the middle of its data (a crash while compressing, a partial copy).
        case truncated
        /// zlib could not go on: corrupt compressed data, or a read error.
        case failed(String)
    }

    /// One line, as handed to the callback.
    struct Line {
        /// The line's bytes, without the line break; valid only during the callback.
        var bytes: UnsafeRawBufferPointer
        /// 1-based.
        var number: Int
        /// False for a last line that has no `\n`, as a writer killed in mid-line leaves it.
        var isTerminated: Bool
        /// Longer than `maximumLineLength`: `bytes` holds only the start.
        var isOverlong: Bool
    }

    static let chunkSize = 1 << 20
    /// Longer lines are cut here and reported overlong; a turn log line is a few hundred bytes.
    static let maximumLineLength = 4 << 20

    private let path: String
    private let file: gzFile

    /// Opens `path`.
    init(path: String) throws(TurnLogReadError) {
        guard let file = czlib_open_for_reading(path) else {
            let code = errno
            throw .cannotOpen(path, reason: code == 0 ? "out of memory" : String(cString: strerror(code)))
        }
        _ = czlib_set_buffer_size(file, UInt32(Self.chunkSize))
        self.path = path
        self.file = file
    }

    deinit {
        _ = czlib_close(file)
    }

    /// Calls `body` for every line, in order.
    func forEachLine(_ body: (Line) throws -> Void) rethrows -> Ending {
        var capacity = Self.chunkSize
        var buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        var start = 0  // first byte of the current line
        var end = 0  // end of the valid bytes
        var scanned = 0  // bytes before this offset hold no line break
        var number = 0
        // Inside an overlong line: its start went out; skip to the next break.
        var skippingOverlongLine = false

        while true {
            if let found = memchr(buffer + scanned, 0x0A, end - scanned) {
                let lineEnd = buffer.distance(to: found)
                if !skippingOverlongLine {
                    number += 1
                    try body(Line(bytes: Self.trimmed(buffer, start, lineEnd), number: number, isTerminated: true, isOverlong: false))
                }
                skippingOverlongLine = false
                start = lineEnd + 1
                scanned = start
                continue
            }
            scanned = end
            // No break in the buffer: make room, then read more.
            if start > 0 {
                (buffer + 0).copyMemory(from: buffer + start, byteCount: end - start)
                end -= start
                scanned -= start
                start = 0
            }
            if end == capacity {
                if capacity < Self.maximumLineLength {
                    let larger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
                    larger.copyMemory(from: buffer, byteCount: end)
                    buffer.deallocate()
                    buffer = larger
                    capacity *= 2
                } else {
                    if !skippingOverlongLine {
                        number += 1
                        try body(Line(bytes: UnsafeRawBufferPointer(start: buffer, count: end), number: number, isTerminated: true, isOverlong: true))
                    }
                    skippingOverlongLine = true
                    end = 0
                    scanned = 0
                }
            }
            let count = czlib_read(file, buffer + end, UInt32(capacity - end))
            if count > 0 {
                end += Int(count)
                continue
            }
            // End of input, or an error: hand out what is left as an unterminated last line.
            if end > start, !skippingOverlongLine {
                number += 1
                try body(Line(bytes: Self.trimmed(buffer, start, end), number: number, isTerminated: false, isOverlong: false))
            }
            let code = czlib_error_code(file)
            if count == 0, code == czlib_ok { return .complete }
            if code == czlib_buffer_error { return .truncated }
            if code == czlib_errno { return .failed(String(cString: strerror(errno))) }
            return .failed(String(cString: czlib_error_message(file)))
        }
    }

    private static func trimmed(_ buffer: UnsafeMutableRawPointer, _ start: Int, _ end: Int) -> UnsafeRawBufferPointer {
        var end = end
        if end > start, buffer.load(fromByteOffset: end - 1, as: UInt8.self) == 0x0D { end -= 1 }
        return UnsafeRawBufferPointer(start: buffer + start, count: end - start)
    }
}
