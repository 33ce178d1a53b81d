import ArgumentParser
import BotConfig
import Dialogue
import Foundation
import LineEditor
import Operators
import TurnLog

/// `huabei-bot report`: what users asked, where the bot failed, how fast it answered, from the turn logs.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report over the turn logs: turns and chats per day, intents, not understood, diagnosis flows, follow-up answers, latency.",
        discussion: """
            Reads DATA/logs/turns-YYYY-MM-DD.jsonl and its rotated and gzip-compressed siblings (.jsonl.1, .jsonl.gz, …) \
            line by line. Damaged lines are skipped and counted. The HTML page is one self-contained file: \
            huabei-bot report --format html --output report.html
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, html
    }

    @OptionGroup var options: CatalogOptions

    @Option(help: "The data folder the daemon writes its turn logs under (DATA/logs).")
    var data = "data"

    @Option(help: "First day to report, YYYY-MM-DD (inclusive).")
    var since: String?

    @Option(help: "Last day to report, YYYY-MM-DD (inclusive).")
    var until: String?

    @Option(help: "Output format: text (fits the terminal, 100 columns at most), json or html.")
    var format: Format = .text

    @Option(help: "How many groups of not-understood messages to list.")
    var top = 20

    @Option(name: .customLong("time-zone"), help: "Time zone days start in, e.g. Asia/Shanghai (default: the system's, TZ).")
    var timeZone: String?

    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
    var output: String?

    func validate() throws {
        if let since, LogDay(since) == nil { throw ValidationError("--since must be a day as YYYY-MM-DD, got '\(since)'") }
        if let until, LogDay(until) == nil { throw ValidationError("--until must be a day as YYYY-MM-DD, got '\(until)'") }
        if let since = since.flatMap(LogDay.init), let until = until.flatMap(LogDay.init), until < since {
            throw ValidationError("--until (\(until)) is before --since (\(since))")
        }
        if let timeZone, TimeZone(identifier: timeZone) == nil {
            throw ValidationError("--time-zone: unknown time zone '\(timeZone)' (use an IANA name such as Asia/Shanghai or UTC)")
        }
        if top < 0 { throw ValidationError("--top must be 0 or more") }
    }

    func run() throws {
        let settings = try OperatorOptions.settings(
            options: options, since: since, until: until, timeZone: timeZone, catalogRequired: false
        ).settings
        var reportSettings = settings
        reportSettings.topGroups = top
        let report: OperatorReport
        do {
            report = try OperatorReportBuilder(settings: reportSettings).build(dataDirectory: data)
        } catch {
            throw OperatorFailure(error.description)
        }
        let text: String
        switch format {
        case .text:
            let columns = output == nil && isatty(STDOUT_FILENO) == 1 ? SystemTerminal().columns : nil
            text = ReportTextFormatter(width: min(100, columns ?? 100)).format(report)
        case .json:
            text = try ReportJSONFormatter().format(report)
        case .html:
            text = ReportHTMLFormatter().format(report)
        }
        if let output {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output))
            } catch {
                throw OperatorFailure("\(output): cannot write the report: \(error.localizedDescription)")
            }
            FileHandle.standardError.write(Data("report written to \(output)\n".utf8))
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

/// A failure while running `report` or `review`: printed as `Error: …`, exit status 1, without the usage text
/// that `ValidationError` adds (the arguments were fine).
struct OperatorFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// What `report` and `review` share: settings from the configuration and the catalog.
enum OperatorOptions {
    /// The report settings, and the catalog when it loaded. `report` goes on without a catalog (no titles,
    /// causes or lexicon) after a warning; `review` edits the intents, so it needs them.
    static func settings(
        options: CatalogOptions, since: String?, until: String?, timeZone: String?, catalogRequired: Bool
    ) throws -> (settings: ReportSettings, catalog: IntentCatalog?, configuration: BotConfiguration) {
        let configuration = try options.loadConfiguration()
        var catalog: IntentCatalog?
        if catalogRequired {
            catalog = try options.loadCatalog()
        } else {
            do {
                catalog = try IntentCatalogLoader(directory: options.intents).load()
            } catch {
                let warning = "warning: the intents in \(options.intents) do not load (\(error.errors.count) errors; "
                    + "`huabei-bot intents check` lists them); reporting without intent titles, diagnosis causes and the lexicon\n"
                FileHandle.standardError.write(Data(warning.utf8))
            }
        }
        var settings = ReportSettings(configuration: configuration, catalog: catalog)
        settings.since = since.flatMap(LogDay.init)
        settings.until = until.flatMap(LogDay.init)
        if let zone = timeZone.flatMap(TimeZone.init(identifier:)) { settings.timeZone = zone }
        return (settings, catalog, configuration)
    }
}
