#if canImport(Glibc)
import Glibc
#endif

/// Reads input in large chunks that end on a line boundary: every chunk but the last ends with `\n`, and no
/// line is split between two chunks. Memory stays at one chunk plus the longest line.
struct LineChunkReader {
    private enum Source {
        case descriptor(Int32)
        case bytes([UInt8], offset: Int)
    }

    private var source: Source
    private let chunkSize: Int
    /// The bytes after the last newline of the previous chunk: the start of the next chunk.
    private var carried: [UInt8] = []
    private var finished = false

    /// A reader of `descriptor` that reads `chunkSize` bytes at a time.
    init(descriptor: Int32, chunkSize: Int) {
        source = .descriptor(descriptor)
        self.chunkSize = max(16, chunkSize)
    }

    /// A reader of bytes in memory, cut into chunks as a file would be (for tests).
    init(bytes: [UInt8], chunkSize: Int) {
        source = .bytes(bytes, offset: 0)
        self.chunkSize = max(16, chunkSize)
    }

    /// Replaces `chunk` with the next chunk of whole lines; returns false at the end of the input.
    mutating func next(into chunk: inout [UInt8]) throws(LineReaderError) -> Bool {
        chunk.removeAll(keepingCapacity: true)
        swap(&chunk, &carried)
        guard !finished else { return !chunk.isEmpty }
        while true {
            let before = chunk.count
            let read = try append(to: &chunk)
            if read == 0 {
                finished = true
                return !chunk.isEmpty
            }
            // Cut after the last newline; what follows waits for the next chunk.
            if let newline = chunk[before...].lastIndex(of: 0x0A) {
                carried.append(contentsOf: chunk[(newline + 1)...])
                chunk.removeSubrange((newline + 1)...)
                return true
            }
        }
    }

    /// Appends up to `chunkSize` bytes; returns how many (0 at the end).
    private mutating func append(to chunk: inout [UInt8]) throws(LineReaderError) -> Int {
        switch source {
        case .bytes(let bytes, let offset):
            let end = min(bytes.count, offset + chunkSize)
            chunk.append(contentsOf: bytes[offset..<end])
            source = .bytes(bytes, offset: end)
            return end - offset
        case .descriptor(let descriptor):
            let start = chunk.count
            chunk.append(contentsOf: repeatElement(0, count: chunkSize))
            while true {
                let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + start, chunkSize) }
                if count >= 0 {
                    chunk.removeSubrange((start + count)...)
                    return count
                }
                if errno == EINTR { continue }
                chunk.removeSubrange(start...)
                throw LineReaderError(code: errno)
            }
        }
    }
}
