public import Classifier
public import Dialogue
import Foundation

/// Measures the classifier the way BENCHMARKS.md reports it: training time on the whole catalog,
/// per-message latency percentiles, single-thread throughput, and the process's peak memory.
public struct ClassifierBenchmark: Sendable {
    /// The figures of one run.
    public struct Result: Sendable, Codable {
        public var examples: Int
        public var features: Int
        public var trainingRuns: Int
        public var trainingMillisecondsMedian: Double
        public var trainingMillisecondsMin: Double
        public var messages: Int
        public var meanCharacters: Double
        public var latencySamples: Int
        public var latencyP50Microseconds: Double
        public var latencyP90Microseconds: Double
        public var latencyP99Microseconds: Double
        public var throughputMessagesPerSecond: Double
        public var peakResidentMegabytes: Double?
    }

    public var catalog: IntentCatalog
    /// Messages to classify (at most 100 characters each are used).
    public var messages: [String]
    public var trainingRuns: Int
    public var latencySamples: Int
    public var throughputSeconds: Double

    public init(catalog: IntentCatalog, messages: [String], trainingRuns: Int = 7, latencySamples: Int = 200_000, throughputSeconds: Double = 3) {
        self.catalog = catalog
        self.messages = messages.filter { !$0.isEmpty && $0.count <= 100 }
        self.trainingRuns = trainingRuns
        self.latencySamples = latencySamples
        self.throughputSeconds = throughputSeconds
    }

    public func run() throws -> Result {
        let examples = catalog.trainingExamples
        let normalizer = TextNormalizer(lexicon: catalog.lexicon.normalization)
        var trainingTimes: [Double] = []
        var classifier: IntentClassifier?
        for _ in 0..<max(1, trainingRuns) {
            let start = DispatchTime.now().uptimeNanoseconds
            classifier = try IntentClassifier(examples: examples, normalizer: normalizer)
            trainingTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        guard let classifier, !messages.isEmpty else { throw BenchmarkError(message: "no messages to classify") }

        // Warm up, then time single messages.
        var checksum = 0.0
        for message in messages { checksum += classifier.classify(message).best.confidence }
        var latencies: [Double] = []
        latencies.reserveCapacity(latencySamples)
        var index = 0
        while latencies.count < latencySamples {
            let message = messages[index % messages.count]
            let start = DispatchTime.now().uptimeNanoseconds
            let result = classifier.classify(message)
            let end = DispatchTime.now().uptimeNanoseconds
            checksum += result.best.confidence
            latencies.append(Double(end - start) / 1_000)
            index += 1
        }
        latencies.sort()

        // Throughput: back-to-back classification on one thread.
        var classified = 0
        let throughputStart = DispatchTime.now().uptimeNanoseconds
        let deadline = throughputStart + UInt64(throughputSeconds * 1e9)
        var now = throughputStart
        while now < deadline {
            for message in messages { checksum += classifier.classify(message).best.confidence }
            classified += messages.count
            now = DispatchTime.now().uptimeNanoseconds
        }
        let elapsed = Double(now - throughputStart) / 1e9
        if checksum.isNaN { print("") }  // keeps the work observable to the optimiser

        let sortedTraining = trainingTimes.sorted()
        return Result(
            examples: examples.count,
            features: classifier.featureCount,
            trainingRuns: trainingTimes.count,
            trainingMillisecondsMedian: sortedTraining[sortedTraining.count / 2],
            trainingMillisecondsMin: sortedTraining[0],
            messages: messages.count,
            meanCharacters: Double(messages.reduce(0) { $0 + $1.count }) / Double(messages.count),
            latencySamples: latencies.count,
            latencyP50Microseconds: Self.percentile(latencies, 0.50),
            latencyP90Microseconds: Self.percentile(latencies, 0.90),
            latencyP99Microseconds: Self.percentile(latencies, 0.99),
            throughputMessagesPerSecond: Double(classified) / elapsed,
            peakResidentMegabytes: Self.peakResidentMegabytes()
        )
    }

    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    }

    /// VmHWM from /proc/self/status (Linux); nil elsewhere.
    static func peakResidentMegabytes() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first
            return kilobytes.map { $0 / 1024 }
        }
        return nil
    }
}

/// Why a benchmark could not run.
public struct BenchmarkError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
