public import Classifier
import Dispatch
public import JSONWriting
#if canImport(Glibc)
import Glibc
#endif

/// Maps every line of an input to one output record, on every core, keeping the input order, with memory bounded
/// by the chunk size whatever the input's length.
///
/// The input is read in chunks of whole lines (`chunkSize` bytes); each chunk is cut into a few contiguous parts
/// at line boundaries, and each part is mapped by a Dispatch worker into an output buffer of its own that is reused
/// from chunk to chunk, as are the worker's classification buffers: no allocation per line beyond the line's
/// `String`. While the workers map one chunk, the calling thread writes the previous chunk's output and reads the
/// next chunk. Lines follow `readLine(strippingNewline: true)`: they end at `\n`, a `\r` before it is dropped, a last
/// line without a newline still counts, invalid UTF-8 is repaired (U+FFFD).
public struct ParallelLineMapper: Sendable {
    /// Appends the record of one line to the output (the mapper adds the newline), with per-thread scratch buffers.
    public typealias Transform = @Sendable (_ line: String, _ buffers: inout ClassificationBuffers, _ output: inout JSONWriter) -> Void

    /// How many threads map a chunk; 1 maps on the calling thread alone.
    public let workers: Int
    /// Bytes of input read at a time.
    public let chunkSize: Int
    private let transform: Transform

    public init(workers: Int, chunkSize: Int = 1 << 19, transform: @escaping Transform) {
        self.workers = max(1, workers)
        self.chunkSize = chunkSize
        self.transform = transform
    }

    /// Maps every line of `input` to `output`, to the end of the input.
    public func run(input: Int32, output: Int32) throws(LineReaderError) {
        var reader = LineChunkReader(descriptor: input, chunkSize: chunkSize)
        try run(&reader) { bytes in StandardOutputWriter.writeAll(UnsafeRawBufferPointer(bytes), to: output) }
    }

    /// The output for `bytes` as the whole input, read in chunks of `chunkSize` as a file would be.
    public func map(_ bytes: [UInt8]) -> [UInt8] {
        var reader = LineChunkReader(bytes: bytes, chunkSize: chunkSize)
        var result: [UInt8] = []
        try? run(&reader) { result.append(contentsOf: $0) }
        return result
    }

    /// A part's state, reused from chunk to chunk; touched by one thread at a time.
    private final class Part: @unchecked Sendable {
        var buffers = ClassificationBuffers()
        var output = JSONWriter(capacity: 1 << 16)
    }

    /// A chunk's bytes, read by the workers while the calling thread keeps the chunk alive and unchanged.
    private struct SharedBytes: @unchecked Sendable {
        let buffer: UnsafeBufferPointer<UInt8>
    }

    private func run(_ reader: inout LineChunkReader, write: (UnsafeBufferPointer<UInt8>) -> Void) throws(LineReaderError) {
        var chunk: [UInt8] = []
        if workers == 1 {
            let part = Part()
            while try reader.next(into: &chunk) {
                part.output.removeAll()
                chunk.withUnsafeBufferPointer { Self.map($0, part: part, transform) }
                part.output.bytes.withUnsafeBufferPointer { write($0) }
            }
            return
        }
        // Two sets of parts: one being mapped while the other's output is written.
        let partCount = workers * 2
        var mapping = (0..<partCount).map { _ in Part() }
        var written = (0..<partCount).map { _ in Part() }
        var next: [UInt8] = []
        var hasChunk = try reader.next(into: &chunk)
        var hasWritten = false
        let queue = DispatchQueue.global(qos: .userInitiated)
        while hasChunk {
            let group = DispatchGroup()
            var readError: LineReaderError?
            chunk.withUnsafeBufferPointer { bytes in
                let ranges = Self.split(bytes, parts: partCount)
                for (part, range) in zip(mapping, ranges) {
                    let slice = SharedBytes(buffer: UnsafeBufferPointer(rebasing: bytes[range]))
                    let transform = self.transform
                    queue.async(group: group) {
                        part.output.removeAll()
                        Self.map(slice.buffer, part: part, transform)
                    }
                }
                // Meanwhile: write the previous chunk's records and read the next chunk.
                if hasWritten {
                    for part in written { part.output.bytes.withUnsafeBufferPointer { write($0) } }
                }
                do throws(LineReaderError) { hasChunk = try reader.next(into: &next) } catch { readError = error }
                group.wait()
            }
            if let readError { throw readError }
            swap(&chunk, &next)
            swap(&mapping, &written)
            hasWritten = true
        }
        if hasWritten {
            for part in written { part.output.bytes.withUnsafeBufferPointer { write($0) } }
        }
    }

    /// `parts` contiguous ranges of `bytes` of about equal size, each ending just after a newline (the last at the
    /// end); some may be empty.
    static func split(_ bytes: UnsafeBufferPointer<UInt8>, parts: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for part in 1...parts {
            var end = part == parts ? bytes.count : max(start, bytes.count * part / parts)
            if end < bytes.count {
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                end = min(bytes.count, end + 1)
            }
            ranges.append(start..<end)
            start = end
        }
        return ranges
    }

    /// Maps the lines of `bytes` into the part's output.
    private static func map(_ bytes: UnsafeBufferPointer<UInt8>, part: Part, _ transform: Transform) {
        guard let base = bytes.baseAddress else { return }
        var start = 0
        let end = bytes.count
        while start < end {
            let newline = memchr(base + start, 0x0A, end - start).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? end
            var lineEnd = newline
            if lineEnd > start, base[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let line = String(decoding: UnsafeBufferPointer(start: base + start, count: lineEnd - start), as: UTF8.self)
            transform(line, &part.buffers, &part.output)
            part.output.endLine()
            start = newline + 1
        }
    }
}
