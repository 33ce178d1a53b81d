import Classifier
public import Dialogue
import Foundation
public import TurnLog

/// The turns the bot did not understand (out of scope, or under the confidence threshold), grouped into
/// near-duplicates, most frequent group first; without the messages already decided in an earlier review
/// and those already in `Intents/` as examples.
public struct ReviewQueue: Sendable {
    /// The groups to review, most frequent first.
    public var items: [ReviewItem]
    /// Not-understood messages left out because they were decided before or are examples already.
    public var alreadyKnown: Int
    /// What reading the logs found.
    public var reading: TurnLogReadSummary

    /// Reads `DATA/logs` with `settings` and builds the queue.
    public init(
        dataDirectory: String, settings: ReportSettings, decisions: [ReviewDecision], catalog: IntentCatalog?
    ) throws(TurnLogReadError) {
        let analysis = try OperatorReportBuilder(settings: settings).analyze(dataDirectory: dataDirectory)
        self.init(tallies: analysis.analyzer.notUnderstood.tallies, settings: settings, decisions: decisions, catalog: catalog)
        reading = analysis.reading
    }

    init(tallies: [String: MessageTally], settings: ReportSettings, decisions: [ReviewDecision], catalog: IntentCatalog?) {
        let shingles = CharacterShingles(normalizer: settings.normalizer)
        let decidedTexts = Set(decisions.flatMap(\.texts))
        var knownKeys = Set(decisions.flatMap(\.keys))
        for example in catalog?.trainingExamples ?? [] { knownKeys.insert(shingles.key(for: example.text)) }
        var open: [String: MessageTally] = [:]
        var known = 0
        for (text, tally) in tallies {
            if decidedTexts.contains(text) || knownKeys.contains(shingles.key(for: text)) {
                known += tally.count
            } else {
                open[text] = tally
            }
        }
        let clusters = MessageGrouper(normalizer: settings.normalizer, similarity: settings.similarity).group(open)
        items = clusters.map { cluster in
            let first = cluster.messages.first?.tally
            return ReviewItem(
                text: cluster.representative, count: cluster.count, messages: cluster.messages.map { ($0.text, $0.tally.count) },
                keys: cluster.keys, loggedIntent: first?.guesses.max { $0.value < $1.value }?.key ?? "",
                loggedDecision: first?.lastDecision ?? "", loggedConfidence: first?.lastConfidence ?? 0, loggedRunnerUp: first?.lastRunnerUp
            )
        }
        alreadyKnown = known
        reading = TurnLogReadSummary()
    }
}
