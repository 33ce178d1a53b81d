public import Foundation
public import TurnLog

/// Reads the turn logs of a data folder and counts a report over them: the whole of `huabei-bot report`
/// but the formatting.
public struct OperatorReportBuilder: Sendable {
    public var settings: ReportSettings

    public init(settings: ReportSettings) {
        self.settings = settings
    }

    /// The report over `DATA/logs`.
    public func build(dataDirectory: String, generatedAt: Date = Date()) throws(TurnLogReadError) -> OperatorReport {
        let analysis = try analyze(dataDirectory: dataDirectory)
        return analysis.analyzer.report(reading: analysis.reading, generatedAt: generatedAt)
    }

    /// Reads the logs through an analyzer, for the report or the review queue.
    func analyze(dataDirectory: String) throws(TurnLogReadError) -> (analyzer: TurnLogAnalyzer, reading: TurnLogReadSummary) {
        let files = try TurnLogDirectory(dataDirectory: dataDirectory).files(in: settings.fileDays)
        var analyzer = TurnLogAnalyzer(settings: settings)
        let reading = TurnLogReader(files: files).read { analyzer.add($0) }
        return (analyzer, reading)
    }
}
