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

    @Argument(help: "Messages to classify.")
    var texts: [String] = []

    func validate() throws {
        if !jsonl, texts.isEmpty { throw ValidationError("give messages to classify, or --jsonl to read them from stdin") }
        if jsonl, !texts.isEmpty { throw ValidationError("--jsonl reads stdin; do not also pass messages as arguments") }
    }

    func run() throws {
        let engine = try options.loadEngine()
        var output = FileHandleOutput()
        func record(_ text: String) -> [UInt8] {
            let classification = engine.classifier.classify(text)
            let explanation = explain ? engine.classifier.explain(text, limit: 8) : nil
            return ClassificationRecord(text: text, classification: classification, policy: engine.policy, explanation: explanation).jsonLine
        }
        if jsonl {
            while let line = Swift.readLine(strippingNewline: true) {
                output.write(record(line))
            }
        } else {
            for text in texts { output.write(record(text)) }
        }
        output.flush()
    }
}

/// Buffered stdout, so large batches are not slowed by one write per line.
struct FileHandleOutput {
    private var buffer: [UInt8] = []

    mutating func write(_ line: [UInt8]) {
        buffer.append(contentsOf: line)
        buffer.append(0x0A)
        if buffer.count > 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
