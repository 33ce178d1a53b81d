import ArgumentParser
import Classifier
import Dialogue
import Foundation

/// The figures of models trained on other shuffles of the training order: what one order's luck moves.
enum OrderSpread {
    /// Trains `orders - 1` more models (seeds after the shipped one), evaluates each on `examples`, and returns one line
    /// per figure with its mean, sample standard deviation, minimum and maximum over all `orders` models.
    static func summary(
        shipped: EvaluationReport, orders: Int, catalog: IntentCatalog, classifier: IntentClassifier, evaluator: Evaluator,
        on examples: [TrainingExample], macroMinimumSupport: Int
    ) throws -> String {
        var reports = [shipped]
        for order in 1..<orders {
            var options = classifier.options
            options.seed &+= UInt64(order)
            let model: IntentClassifier
            do {
                model = try IntentClassifier(examples: catalog.trainingExamples, normalizer: classifier.normalizer, options: options)
            } catch {
                throw ValidationError("cannot train the classifier: \(error)")
            }
            reports.append(evaluator.evaluate(model, on: examples, macroMinimumSupport: macroMinimumSupport))
        }
        let figures: [(String, (EvaluationReport) -> Double, Bool)] = [
            ("macro-F1", \.macroF1, false),
            ("accuracy", \.accuracy, true),
            ("in-scope accuracy", \.inScopeAccuracy, true),
            ("out_of_scope precision", \.outOfScopePrecision, true),
            ("out_of_scope recall", \.outOfScopeRecall, true),
        ]
        var lines = ["over \(orders) training orders (seeds \(classifier.options.seed)…\(classifier.options.seed &+ UInt64(orders - 1))): mean ± sd [min, max]"]
        for (name, figure, percent) in figures {
            let values = reports.map(figure)
            let (mean, deviation) = RepeatedSummary.spread(values)
            let scale = percent ? 100.0 : 1.0
            let format = percent ? "%.1f%% ± %.1f [%.1f%%, %.1f%%]" : "%.3f ± %.3f [%.3f, %.3f]"
            lines.append("  \(name) " + String(format: format, mean * scale, deviation * scale, values.min()! * scale, values.max()! * scale))
        }
        // Each counted intent's F1, and the mean F1 of those with 10 messages or more: a handful of messages of a
        // small intent moves macro-F1 most, so this mean shows what the frequent intents did.
        let counted = shipped.intents.filter { $0.support >= macroMinimumSupport }
        var frequentMeans = [Double](repeating: 0, count: reports.count)
        let frequentCount = Double(counted.filter { $0.support >= 10 }.count)
        for metrics in counted {
            let values = reports.map { report in report.intents.first { $0.intent == metrics.intent }?.f1 ?? 0 }
            if metrics.support >= 10 {
                for (index, value) in values.enumerated() { frequentMeans[index] += value / frequentCount }
            }
            let (mean, deviation) = RepeatedSummary.spread(values)
            lines.append("  F1 \(metrics.intent) " + String(format: "%.3f ± %.3f [%.3f, %.3f]", mean, deviation, values.min()!, values.max()!))
        }
        if frequentCount > 0 {
            let (mean, deviation) = RepeatedSummary.spread(frequentMeans)
            lines.append(
                "  mean F1 of the intents with ≥ 10 messages "
                    + String(format: "%.3f ± %.3f [%.3f, %.3f]", mean, deviation, frequentMeans.min()!, frequentMeans.max()!)
            )
        }
        return lines.joined(separator: "\n")
    }
}
