#if canImport(Glibc)
import Glibc
#endif

/// Buffered writes to a file descriptor (standard output by default), so large batches are not slowed by one
/// system call per line.
public struct StandardOutputWriter {
    private let descriptor: Int32
    private var buffer: [UInt8] = []

    /// A writer of `descriptor`.
    public init(descriptor: Int32 = 1) {
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 16)
    }

    /// Writes `line` and a newline.
    public mutating func writeLine(_ line: [UInt8]) {
        buffer += line
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes `bytes` as they are, straight through when they are many.
    public mutating func write(_ bytes: [UInt8]) {
        if bytes.count >= 1 << 16 {
            flush()
            Self.writeAll(bytes, to: descriptor)
        } else {
            buffer += bytes
            if buffer.count >= 1 << 16 { flush() }
        }
    }

    /// Writes what is buffered.
    public mutating func flush() {
        guard !buffer.isEmpty else { return }
        Self.writeAll(buffer, to: descriptor)
        buffer.removeAll(keepingCapacity: true)
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { writeAll($0, to: descriptor) }
    }

    /// Writes all of `raw` to `descriptor`, retrying after interruptions; stops quietly when the reader went away
    /// (EPIPE): nothing more can be written.
    static func writeAll(_ raw: UnsafeRawBufferPointer, to descriptor: Int32) {
        guard let base = raw.baseAddress else { return }
        var offset = 0
        while offset < raw.count {
            let written = Glibc.write(descriptor, base + offset, raw.count - offset)
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}
