import ArgumentParser
import Classifier
import Console
import Dialogue
import Foundation

/// `huabei-bot classify TEXT...` or `--jsonl` on stdin.
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Classify messages: from the arguments, or one per stdin line with --jsonl."
    )

    @OptionGroup var options: CatalogOptions

    @Flag(name: .long, help: "Read one message per stdin line and write one JSON object per line, in order.")
    var jsonl = false

    @Flag(name: .long, help: "Include the n-grams that weighed most.")
    var explain = false

    @Option(name: .long, help: "Threads that classify --jsonl input (default: one per core).")
    var threads: Int?

    @Argument(help: "Messages to classify.")
    var texts: [String] = []

    func validate() throws {
        if !jsonl, texts.isEmpty { throw ValidationError("give messages to classify, or --jsonl to read them from stdin") }
        if jsonl, !texts.isEmpty { throw ValidationError("--jsonl reads stdin; do not also pass messages as arguments") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let engine = try options.loadEngine()
        let explain = self.explain
        let record: @Sendable (String) -> [UInt8] = { text in
            let classification = engine.classifier.classify(text)
            let explanation = explain ? engine.classifier.explain(text, limit: 8) : nil
            return ClassificationRecord(text: text, classification: classification, policy: engine.policy, explanation: explanation).jsonLine
        }
        if jsonl {
            // Chunks of lines, each classified on every core and written in input order: memory stays bounded
            // however long the input is. Without --explain, records are written straight into the output buffers.
            let writer = ClassificationRecordWriter(classifier: engine.classifier, policy: engine.policy, explain: explain)
            let mapper = ParallelLineMapper(workers: threads ?? ProcessInfo.processInfo.activeProcessorCount) { text, buffers, output in
                writer.write(text, buffers: &buffers, to: &output)
            }
            try mapper.run(input: 0, output: 1)
            return
        }
        var output = StandardOutputWriter()
        for text in texts { output.writeLine(record(text)) }
        output.flush()
    }
}
