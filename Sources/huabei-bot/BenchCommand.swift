import ArgumentParser
import Classifier
import Console
import Dialogue
import Foundation

/// `huabei-bot bench`: classifier figures for BENCHMARKS.md. Build with `-c release` first.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure training time, per-message latency, throughput and peak memory of the classifier."
    )

    @OptionGroup var options: CatalogOptions

    @Option(name: .long, help: "Messages to classify, one per line, optionally intent<TAB>text (default: Tests/Fixtures/heldout.tsv).")
    var messages: String = "Tests/Fixtures/heldout.tsv"

    @Option(name: .long, help: "Timed single-message classifications for the latency percentiles.")
    var samples: Int = 200_000

    @Option(name: .long, help: "Instead: the per-line CPU split of `classify --jsonl` on this file (read, normalise, features, score, write), on one thread.")
    var split: String?

    @Flag(name: .long, help: "Print the figures as JSON.")
    var json = false

    func run() throws {
        if let split { return try runSplit(split) }
        let catalog = try options.loadCatalog()
        guard let text = try? String(contentsOfFile: messages, encoding: .utf8) else {
            throw ValidationError("\(messages): cannot read the messages file")
        }
        let lines = text.split(separator: "\n").map { line in String(line.split(separator: "\t", maxSplits: 1).last ?? line) }
        let result = try ClassifierBenchmark(catalog: catalog, messages: lines, latencySamples: samples).run()
        if json {
            print(JSONLines().line(result))
            return
        }
        print("""
            training: \(result.examples) examples, \(result.features) n-grams; median \(format(result.trainingMillisecondsMedian)) ms, min \(format(result.trainingMillisecondsMin)) ms over \(result.trainingRuns) runs
            latency (\(result.messages) messages, mean \(format(result.meanCharacters)) characters, ≤ 100 each; \(result.latencySamples) samples): p50 \(format(result.latencyP50Microseconds)) µs, p90 \(format(result.latencyP90Microseconds)) µs, p99 \(format(result.latencyP99Microseconds)) µs
            throughput (one thread): \(Int(result.throughputMessagesPerSecond)) messages/s
            peak RSS of this process: \(result.peakResidentMegabytes.map { format($0) + " MB" } ?? "unknown")
            """)
    }

    private func runSplit(_ path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("\(path): cannot read the batch")
        }
        let engine = try options.loadEngine()
        let writer = ClassificationRecordWriter(classifier: engine.classifier, policy: engine.policy)
        let result = BatchStageBenchmark(writer: writer, input: [UInt8](data)).run()
        if json {
            print(JSONLines().line(result))
            return
        }
        let two = { (value: Double) in String(format: "%.2f", value) }
        print("""
            per-line CPU on one thread, \(result.lines) lines (fastest of 3 passes each): read \(two(result.readMicroseconds)) µs, normalise \(two(result.normalizeMicroseconds)) µs, features \(two(result.featuresMicroseconds)) µs, score \(two(result.scoreMicroseconds)) µs, write \(two(result.writeMicroseconds)) µs; whole pass \(two(result.totalMicroseconds)) µs a line, \(Int(result.outputBytesPerLine)) bytes of JSON a line
            """)
    }

    private func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
