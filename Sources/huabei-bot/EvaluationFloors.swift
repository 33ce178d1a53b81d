import ArgumentParser
import Classifier
import Console
import Foundation

/// `eval`'s floors: the figures a run must reach, or the command exits with status 1 (for `make test`).
struct EvaluationFloors: ParsableArguments {
    @Option(name: .long, help: "Exit with status 1 when macro-F1 is below this (0…1).")
    var minMacroF1: Double?

    @Option(name: .long, help: "Exit with status 1 when accuracy is below this (0…1).")
    var minAccuracy: Double?

    @Option(name: .long, help: "Exit with status 1 when in-scope accuracy is below this (0…1).")
    var minInScopeAccuracy: Double?

    @Option(name: .long, help: "Exit with status 1 when out_of_scope precision is below this (0…1).")
    var minOosPrecision: Double?

    @Option(name: .long, help: "Exit with status 1 when out_of_scope recall is below this (0…1).")
    var minOosRecall: Double?

    func validate() throws {
        for (name, value) in named where value.map({ !(0...1).contains($0) }) ?? false {
            throw ValidationError("--\(name) must be between 0 and 1")
        }
    }

    /// One line per figure under its floor.
    func failures(_ report: EvaluationReport) -> [String] {
        let measured: [String: Double] = [
            "min-macro-f1": report.macroF1, "min-accuracy": report.accuracy, "min-in-scope-accuracy": report.inScopeAccuracy,
            "min-oos-precision": report.outOfScopePrecision, "min-oos-recall": report.outOfScopeRecall,
        ]
        return named.compactMap { name, floor in
            guard let floor, let value = measured[name], value < floor else { return nil }
            return String(format: "%@ %.4f < --%@ %.4f", String(name.dropFirst(4)), value, name, floor)
        }
    }

    private var named: [(String, Double?)] {
        [
            ("min-macro-f1", minMacroF1), ("min-accuracy", minAccuracy), ("min-in-scope-accuracy", minInScopeAccuracy),
            ("min-oos-precision", minOosPrecision), ("min-oos-recall", minOosRecall),
        ]
    }
}
