public import Classifier
import LineEditor

/// Renders an evaluation report as aligned text for a terminal.
public struct EvaluationFormatter: Sendable {
    public init() {}

    public func format(_ report: EvaluationReport, title: String) -> String {
        var lines: [String] = []
        lines.append(title)
        lines.append("messages: \(report.count)")
        lines.append("accuracy: \(percent(report.accuracy))   in-scope accuracy: \(percent(report.inScopeAccuracy))   macro-F1: \(fixed(report.macroF1))\(report.macroMinimumSupport > 1 ? " (intents with ≥ \(report.macroMinimumSupport) messages)" : "")")
        lines.append("out_of_scope precision: \(percent(report.outOfScopePrecision))   recall: \(percent(report.outOfScopeRecall))   calibration error (ECE): \(fixed(report.calibrationError))")
        lines.append("")
        let width = max(18, report.intents.map(\.intent.count).max() ?? 0)
        lines.append(pad("intent", width) + "  precision  recall     F1  support")
        for metrics in report.intents {
            lines.append(
                pad(metrics.intent, width) + "  " + left(percent(metrics.precision), 9) + "  " + left(percent(metrics.recall), 6)
                    + "  " + left(fixed(metrics.f1), 5) + "  " + left(String(metrics.support), 7)
            )
        }
        lines.append("")
        lines.append("confusion matrix (rows: expected, columns: predicted, in label order)")
        let short = report.labels.enumerated().map { "\($0.offset + 1)" }
        lines.append(pad("", width) + " " + short.map { left($0, 4) }.joined())
        for (row, label) in report.labels.enumerated() {
            lines.append(pad("\(row + 1) \(label)", width) + " " + report.confusion[row].map { left($0 == 0 ? "." : String($0), 4) }.joined())
        }
        if !report.misses.isEmpty {
            lines.append("")
            lines.append("some misses (expected → predicted, confidence):")
            for miss in report.misses.prefix(25) {
                lines.append("  \(miss.expected) → \(miss.predicted) \(fixed(miss.confidence))  \(miss.text.prefix(60))")
            }
        }
        return lines.joined(separator: "\n")
    }

    private func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
    private func fixed(_ value: Double) -> String { String(format: "%.3f", value) }

    /// Pads to `width` terminal columns (a Chinese character takes two).
    private func pad(_ text: String, _ width: Int) -> String {
        let used = DisplayWidth.of(text)
        return text + String(repeating: " ", count: max(0, width - used))
    }

    private func left(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - DisplayWidth.of(text))) + text
    }
}

#if canImport(Foundation)
import Foundation
#endif
