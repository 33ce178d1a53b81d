public import Classifier
import JSONWriting
#if canImport(Glibc)
import Glibc
#endif

/// Where the CPU time of `classify --jsonl` goes, per line, on one thread: reading (cutting the input into lines
/// and decoding them), normalising, features (n-gram hashes and the TF-IDF vector), scoring (dot products,
/// probabilities, ranking) and writing (the JSON record).
///
/// Each pass runs over the whole batch and does one stage more than the one before (read; read and normalise; …;
/// everything), timed in this thread's CPU time, so a stage's cost is the difference between two passes: no clock
/// is read per line. Another process's load still slows a pass through the shared caches, so compare figures from
/// one run.
public struct BatchStageBenchmark: Sendable {
    /// CPU microseconds per line of each stage, and of a whole pass.
    public struct Result: Sendable, Codable {
        public var lines: Int
        public var readMicroseconds: Double
        public var normalizeMicroseconds: Double
        public var featuresMicroseconds: Double
        public var scoreMicroseconds: Double
        public var writeMicroseconds: Double
        /// The last pass (all stages) per line.
        public var totalMicroseconds: Double
        /// Bytes of output per line.
        public var outputBytesPerLine: Double
    }

    public let writer: ClassificationRecordWriter
    /// The input, as `classify --jsonl` would read it.
    public let input: [UInt8]
    /// Passes of each kind; the fastest counts.
    public let repeats: Int

    public init(writer: ClassificationRecordWriter, input: [UInt8], repeats: Int = 3) {
        self.writer = writer
        self.input = input
        self.repeats = max(1, repeats)
    }

    private enum Stage: Int, CaseIterable {
        case read, normalize, features, score, write
    }

    public func run() -> Result {
        var best = [Double](repeating: .infinity, count: Stage.allCases.count)
        var lines = 0
        var outputBytes = 0
        for _ in 0..<repeats {
            for stage in Stage.allCases {
                let start = Self.threadCPUSeconds()
                let (count, bytes) = pass(upTo: stage)
                best[stage.rawValue] = min(best[stage.rawValue], Self.threadCPUSeconds() - start)
                lines = count
                outputBytes = max(outputBytes, bytes)
            }
        }
        let perLine = { (seconds: Double) in lines == 0 ? 0 : seconds / Double(lines) * 1e6 }
        let stage = { (index: Int) in perLine(max(0, best[index] - (index == 0 ? 0 : best[index - 1]))) }
        return Result(
            lines: lines,
            readMicroseconds: stage(0), normalizeMicroseconds: stage(1), featuresMicroseconds: stage(2),
            scoreMicroseconds: stage(3), writeMicroseconds: stage(4),
            totalMicroseconds: perLine(best[4]),
            outputBytesPerLine: lines == 0 ? 0 : Double(outputBytes) / Double(lines)
        )
    }

    /// One pass over the input doing the stages up to `last`; the lines seen and the bytes written.
    private func pass(upTo last: Stage) -> (lines: Int, bytes: Int) {
        let classifier = writer.classifier
        var buffers = ClassificationBuffers()
        var output = JSONWriter(capacity: 1 << 20)
        var lines = 0
        var written = 0
        var checksum = 0
        input.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            var start = 0
            while start < bytes.count {
                let newline = memchr(base + start, 0x0A, bytes.count - start).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? bytes.count
                var end = newline
                if end > start, base[end - 1] == 0x0D { end -= 1 }
                let text = String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
                start = newline + 1
                lines += 1
                switch last {
                case .read:
                    checksum &+= text.utf8.count
                case .normalize:
                    checksum &+= classifier.normalizer.normalize(text).isEmpty ? 1 : 0
                case .features:
                    classifier.featurize(classifier.normalizer.normalize(text), into: &buffers)
                    checksum &+= buffers.isEmpty ? 1 : 0
                case .score:
                    classifier.featurize(classifier.normalizer.normalize(text), into: &buffers)
                    classifier.score(&buffers)
                    checksum &+= buffers.best
                case .write:
                    writer.write(text, buffers: &buffers, to: &output)
                    output.endLine()
                    if output.bytes.count >= 1 << 20 {
                        written += output.bytes.count
                        output.removeAll()
                    }
                }
            }
        }
        if checksum == -1 { print("") }  // keeps the work observable to the optimiser
        return (lines, written + output.bytes.count)
    }

    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
