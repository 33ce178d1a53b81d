public import BotConfig
public import Classifier
public import Dialogue
public import Foundation
public import TurnLog

/// What a report counts and how: the period, the threshold under which a message counts as not
/// understood, the day boundaries' time zone, and how near-duplicate messages are grouped.
public struct ReportSettings: Sendable {
    /// First day reported (inclusive); `nil` for the first day in the logs.
    public var since: LogDay?
    /// Last day reported (inclusive); `nil` for the last day in the logs.
    public var until: LogDay?
    /// Days start at midnight in this time zone.
    public var timeZone: TimeZone = .current
    /// Below this confidence a message counts as not understood (`classifier.confidence_threshold`).
    public var confidenceThreshold = 0.45
    /// A chat silent this long starts afresh, as the daemon forgets its state (`dialogue.idle_timeout_minutes`).
    public var idleTimeout: TimeInterval = 3600
    /// The intent whose reply starts the diagnosis flow.
    public var overviewIntent = "freeze_overview"
    /// The causes the diagnosis flow can reach. Causes named in the logs' `diagnose.ask_<cause>` steps are
    /// added as they are seen.
    public var causes: [String] = []
    /// The fallback intent.
    public var outOfScopeIntent = IntentCatalog.outOfScope
    /// Intent titles to show beside ids.
    public var intentTitles: [String: String] = [:]
    /// How many groups of not-understood messages the report lists.
    public var topGroups = 20
    /// Normalises messages before grouping them (folds width, case, traditional characters, typos).
    public var normalizer = TextNormalizer()
    /// Two messages are near-duplicates from this Jaccard similarity of their character pairs on.
    public var similarity = 0.5

    public init() {}

    /// Settings from the bot's configuration and, when it loaded, its intent catalog (titles, the diagnosis
    /// flow's causes, the lexicon that normalises messages).
    public init(configuration: BotConfiguration, catalog: IntentCatalog?) {
        self.init()
        confidenceThreshold = configuration.classifier.confidenceThreshold
        idleTimeout = TimeInterval(configuration.dialogue.idleTimeoutMinutes * 60)
        guard let catalog else { return }
        intentTitles = Dictionary(catalog.intents.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        if let overview = catalog.overview {
            overviewIntent = overview.id
            causes = overview.diagnosis?.causes ?? []
        }
        normalizer = TextNormalizer(lexicon: catalog.lexicon.normalization)
    }

    /// The days whose files may hold records of the period: a day wider on each side, since a file's
    /// name may follow another time zone than the report.
    var fileDays: ClosedRange<LogDay>? {
        guard since != nil || until != nil else { return nil }
        let first = since?.adding(days: -1) ?? LogDay(year: 1, month: 1, day: 1)
        let last = until?.adding(days: 1) ?? LogDay(year: 9999, month: 12, day: 31)
        return first...max(first, last)
    }

    /// Whether a record of `day` belongs in the report.
    func includes(_ day: LogDay) -> Bool {
        if let since, day < since { return false }
        if let until, day > until { return false }
        return true
    }
}
