import Foundation

/// The report as one JSON object for machines: snake_case keys, ISO 8601 times, days as `YYYY-MM-DD`,
/// rates as fractions (0…1), latencies in microseconds. Keys are sorted, so equal reports print equal.
public struct ReportJSONFormatter: Sendable {
    public var prettyPrinted: Bool

    public init(prettyPrinted: Bool = true) {
        self.prettyPrinted = prettyPrinted
    }

    /// Throws only for a value JSON cannot hold (a non-finite number), which a report never has.
    public func format(_ report: OperatorReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = prettyPrinted ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(report)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
