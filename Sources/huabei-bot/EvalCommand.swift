import ArgumentParser
import BotConfig
import Classifier
import Console
import Dialogue
import Foundation

/// `huabei-bot eval`: cross-validation over Intents/, or a labelled TSV file.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure the classifier: stratified k-fold cross-validation, or a labelled intent<TAB>text file."
    )

    @OptionGroup var options: CatalogOptions

    @Option(name: .long, help: "Number of cross-validation folds.")
    var folds: Int = 5

    @Option(name: .long, help: "A labelled set (intent<TAB>text per line) to evaluate on instead of cross-validating.")
    var file: String?

    @Option(name: .long, help: "With --file: evaluate only one part of the file's fixed 70/30 split (choose: the part to tune with; confirm: the part that only confirms).")
    var split: String?

    @Option(name: .long, help: "The seed of the --split (the same seed gives the same parts on every machine).")
    var splitSeed: UInt64 = DevelopmentSplit.defaultSeed

    @Option(name: .long, help: "Macro-F1 averages the intents with at least this many labelled messages.")
    var macroMinSupport: Int = 5

    @OptionGroup var floors: EvaluationFloors

    @Option(name: .long, help: "Repeat the cross-validation over this many different fold splits and print the mean and spread (one split moves accuracy by a few tenths of a percent).")
    var repeats: Int = 1

    @Option(name: .long, help: "With --file: also train this many models, each on another shuffle of the training order (seeds seed, seed+1, …), and print each figure's mean and spread over them (one order moves macro-F1 by about ±0.02 on the real users' set). The report and the floors stay the shipped model's.")
    var orders: Int = 1

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    @Flag(name: .long, help: "Also search the softmax temperature that calibrates confidences best (cross-validated).")
    var calibrate = false

    func validate() throws {
        if folds < 2 || folds > 20 { throw ValidationError("--folds must be between 2 and 20") }
        if repeats < 1 || repeats > 50 { throw ValidationError("--repeats must be between 1 and 50") }
        if repeats > 1 && file != nil { throw ValidationError("--repeats applies to cross-validation, not to --file") }
        if split != nil && file == nil { throw ValidationError("--split applies to a --file") }
        if let split, DevelopmentSplit.Part(rawValue: split) == nil { throw ValidationError("--split must be choose or confirm") }
        if orders < 1 || orders > 50 { throw ValidationError("--orders must be between 1 and 50") }
        if orders > 1 && file == nil { throw ValidationError("--orders applies to a --file") }
        if macroMinSupport < 1 { throw ValidationError("--macro-min-support must be at least 1") }
    }

    func run() throws {
        let configuration = try options.loadConfiguration()
        let catalog = try options.loadCatalog()
        let engine = try options.loadEngine()
        let evaluator = Evaluator(normalizer: engine.classifier.normalizer, options: engine.classifier.options, policy: engine.policy)
        let report: EvaluationReport
        let title: String
        var orderSummary: String?
        if let file {
            var examples = try LabelledFile.read(file)
            var name = file
            if let split, let part = DevelopmentSplit.Part(rawValue: split) {
                examples = DevelopmentSplit(seed: splitSeed).select(part, from: examples)
                name += " (\(split) part, split seed \(splitSeed))"
            }
            report = evaluator.evaluate(engine.classifier, on: examples, macroMinimumSupport: macroMinSupport)
            title = "evaluation on \(name)"
            if orders > 1 {
                orderSummary = try OrderSpread.summary(
                    shipped: report, orders: orders, catalog: catalog, classifier: engine.classifier, evaluator: evaluator,
                    on: examples, macroMinimumSupport: macroMinSupport
                )
            }
        } else {
            report = try evaluator.crossValidate(catalog.trainingExamples, folds: folds, macroMinimumSupport: macroMinSupport)
            title = "\(folds)-fold stratified cross-validation over \(options.intents)/ (\(catalog.trainingExamples.count) examples)"
        }
        if json {
            print(JSONLines().line(report))
        } else {
            print(EvaluationFormatter().format(report, title: title))
            if let orderSummary { print(orderSummary) }
            print("thresholds: confidence \(configuration.classifier.confidenceThreshold), ambiguity margin \(configuration.classifier.ambiguityMargin), temperature \(configuration.classifier.temperature)")
        }
        if repeats > 1 {
            var splits = [report]
            for split in 1..<repeats {
                var shifted = evaluator
                shifted.options.seed &+= UInt64(split)
                splits.append(try shifted.crossValidate(catalog.trainingExamples, folds: folds))
            }
            print(RepeatedSummary(splits.map { ($0.accuracy, $0.macroF1) }).line(repeats: repeats, folds: folds))
        }
        if calibrate {
            let temperature = try evaluator.calibratedTemperature(catalog.trainingExamples, folds: folds)
            print("calibrated temperature: \(String(format: "%.1f", temperature)) (set classifier.temperature in the config)")
        }
        let failures = floors.failures(report)
        if !failures.isEmpty {
            for failure in failures { FileHandle.standardError.write(Data("below the floor: \(failure)\n".utf8)) }
            throw ExitCode(1)
        }
    }
}

/// Mean and sample standard deviation of accuracy and macro-F1 over repeated cross-validations.
struct RepeatedSummary {
    let accuracy: (mean: Double, deviation: Double)
    let macroF1: (mean: Double, deviation: Double)

    init(_ splits: [(accuracy: Double, macroF1: Double)]) {
        accuracy = Self.spread(splits.map(\.accuracy))
        macroF1 = Self.spread(splits.map(\.macroF1))
    }

    func line(repeats: Int, folds: Int) -> String {
        String(
            format: "repeated %d×%d-fold: accuracy %.2f%% ± %.2f, macro-F1 %.4f ± %.4f", repeats, folds,
            accuracy.mean * 100, accuracy.deviation * 100, macroF1.mean, macroF1.deviation)
    }

    static func spread(_ values: [Double]) -> (mean: Double, deviation: Double) {
        guard !values.isEmpty else { return (0, 0) }
        let mean = values.reduce(0, +) / Double(values.count)
        guard values.count > 1 else { return (mean, 0) }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        return (mean, variance.squareRoot())
    }
}

/// Reads `intent<TAB>text` lines; blank lines and `#` comments are skipped.
enum LabelledFile {
    static func read(_ path: String) throws -> [TrainingExample] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("\(path): cannot read the file as UTF-8 text")
        }
        var examples: [TrainingExample] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2 else { throw ValidationError("\(path):\(number + 1): expected intent<TAB>text") }
            examples.append(TrainingExample(intent: String(fields[0]).trimmingCharacters(in: .whitespaces), text: String(fields[1])))
        }
        return examples
    }
}
