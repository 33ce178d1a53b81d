import Dispatch
import Synchronization

/// Maps a batch of lines to output bytes on every core, keeping the input order.
///
/// The batch is cut into one contiguous slice per worker; each worker maps its slice into a buffer of its own
/// (one newline-terminated record per line), and the buffers are joined in order. Dispatch's worker threads do
/// the work, not Swift's cooperative pool.
public struct ParallelLineMapper: Sendable {
    /// How many threads map a batch; 1 maps on the calling thread.
    public let workers: Int
    private let transform: @Sendable (String) -> [UInt8]

    /// A mapper that turns each line into `transform(line)` followed by a newline.
    public init(workers: Int, transform: @escaping @Sendable (String) -> [UInt8]) {
        self.workers = max(1, workers)
        self.transform = transform
    }

    /// The records of `lines`, in order, each followed by a newline.
    public func map(_ lines: [String]) -> [UInt8] {
        let parts = min(workers, max(1, lines.count / 64))
        if parts == 1 { return Self.map(lines[...], transform) }
        let slices = Mutex([[UInt8]](repeating: [], count: parts))
        let transform = self.transform
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = Self.range(of: part, parts: parts, count: lines.count)
            let bytes = Self.map(lines[range], transform)
            slices.withLock { $0[part] = bytes }
        }
        return slices.withLock { slices in
            var joined: [UInt8] = []
            joined.reserveCapacity(slices.reduce(0) { $0 + $1.count })
            for slice in slices { joined += slice }
            return joined
        }
    }

    private static func map(_ lines: ArraySlice<String>, _ transform: (String) -> [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lines.count * 600)
        for line in lines {
            bytes += transform(line)
            bytes.append(0x0A)
        }
        return bytes
    }

    /// The `part`-th of `parts` nearly equal contiguous ranges of `0..<count`.
    static func range(of part: Int, parts: Int, count: Int) -> Range<Int> {
        (count * part / parts)..<(count * (part + 1) / parts)
    }
}
