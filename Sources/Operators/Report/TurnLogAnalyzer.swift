public import Foundation
public import TurnLog

/// Counts a report's figures from records streamed through it, in memory that grows with days, intents,
/// distinct not-understood messages and active chats, never with all the lines.
///
/// ```swift
/// var analyzer = TurnLogAnalyzer(settings: settings)
/// let reading = try TurnLogReader(files: files).read { analyzer.add($0) }
/// let report = analyzer.report(reading: reading)
/// ```
public struct TurnLogAnalyzer: Sendable {
    public let settings: ReportSettings

    private struct DayCounts {
        var turns = 0
        var chats = Set<UInt64>()
        var notUnderstood = 0
    }

    private var days: [LogDay: DayCounts] = [:]
    private var chats = Set<UInt64>()
    private var intents: [String: Int] = [:]
    private var outOfScopeReasons: [String: Int] = [:]
    private var outOfScope = 0
    private var lowConfidence = 0
    private var dialogueDecisions: [String: Int] = [:]
    private var turns = 0
    private var outsidePeriod = 0
    private var latencies = LatencyDistribution()
    private var flows: DialogueFlowTracker
    private(set) var notUnderstood = NotUnderstoodMessages()
    private var dayOfQuarter = QuarterHourToDay()

    public init(settings: ReportSettings) {
        self.settings = settings
        self.flows = DialogueFlowTracker(overviewIntent: settings.overviewIntent, causes: settings.causes, idleTimeout: settings.idleTimeout)
    }

    /// Counts one record; records outside the period are skipped.
    public mutating func add(_ record: TurnLogRecord) {
        let day = dayOfQuarter.day(of: record.time, in: settings.timeZone)
        guard settings.includes(day) else {
            outsidePeriod += 1
            return
        }
        let chat = Self.chatKey(record)
        turns += 1
        chats.insert(chat)
        intents[record.intent, default: 0] += 1
        latencies.add(record.latencyMicroseconds)

        // A command or a question about the cause being discussed was understood, whatever the classifier thought.
        let isDialogueDecision = record.isDialogueDecision
        if isDialogueDecision { dialogueDecisions[record.decision, default: 0] += 1 }
        let isOutOfScope = !isDialogueDecision && record.decision.hasPrefix(settings.outOfScopeIntent)
        let isLowConfidence = !isDialogueDecision && record.confidence < settings.confidenceThreshold
        if isOutOfScope {
            outOfScope += 1
            let reason = record.decision.split(separator: ":", maxSplits: 1).dropFirst().first.map(String.init) ?? "unspecified"
            outOfScopeReasons[reason, default: 0] += 1
        }
        if isLowConfidence { lowConfidence += 1 }
        let isNotUnderstood = isOutOfScope || isLowConfidence
        if isNotUnderstood { notUnderstood.add(record) }

        // Mutated in place: copying the day out and back would copy its set of chats on every turn.
        days[day, default: DayCounts()].turns += 1
        days[day, default: DayCounts()].chats.insert(chat)
        if isNotUnderstood { days[day, default: DayCounts()].notUnderstood += 1 }

        flows.add(record, chat: chat)
    }

    /// The report, with what reading found.
    public func report(reading: TurnLogReadSummary, generatedAt: Date = Date()) -> OperatorReport {
        var flows = self.flows
        flows.finishAll()
        let groups = MessageGrouper(normalizer: settings.normalizer, similarity: settings.similarity).group(notUnderstood.tallies)
        let sortedDays = days.keys.sorted()

        func rate(_ count: Int) -> Double { turns == 0 ? 0 : Double(count) / Double(turns) }
        func named(_ counts: [String: Int]) -> [OperatorReport.NamedCount] {
            counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { .init(name: $0.key, count: $0.value) }
        }

        return OperatorReport(
            generatedAt: generatedAt,
            period: .init(first: sortedDays.first, last: sortedDays.last, timeZone: settings.timeZone.identifier),
            totals: .init(turns: turns, chats: chats.count),
            days: sortedDays.map { day in
                let counts = days[day] ?? DayCounts()
                return .init(day: day, turns: counts.turns, chats: counts.chats.count, notUnderstood: counts.notUnderstood)
            },
            intents: intents.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map {
                .init(intent: $0.key, title: settings.intentTitles[$0.key], turns: $0.value, share: rate($0.value))
            },
            understanding: .init(
                outOfScope: outOfScope, outOfScopeRate: rate(outOfScope), outOfScopeReasons: named(outOfScopeReasons),
                lowConfidence: lowConfidence, lowConfidenceRate: rate(lowConfidence),
                notUnderstood: notUnderstood.total, notUnderstoodRate: rate(notUnderstood.total),
                confidenceThreshold: settings.confidenceThreshold,
                dialogueDecisions: dialogueDecisions.values.reduce(0, +),
                dialogueDecisionRate: rate(dialogueDecisions.values.reduce(0, +)), dialogueDecisionKinds: named(dialogueDecisions)
            ),
            diagnosis: .init(
                started: flows.started, reachedCause: flows.reached.values.reduce(0, +), causes: named(flows.reached),
                noCause: flows.noCause, abandoned: flows.abandoned
            ),
            followUps: flows.followUps.values.sorted { $0.question < $1.question },
            latency: latencies.summary(),
            notUnderstoodGroupCount: groups.count,
            notUnderstoodGroups: groups.prefix(max(0, settings.topGroups)).map { cluster in
                OperatorReport.MessageGroup(
                    text: cluster.representative, count: cluster.count,
                    share: notUnderstood.total == 0 ? 0 : Double(cluster.count) / Double(notUnderstood.total),
                    variantCount: cluster.messages.count,
                    variants: cluster.messages.prefix(5).map { .init(name: $0.text, count: $0.tally.count) },
                    guesses: cluster.guesses.map { .init(name: $0.intent, count: $0.count) }
                )
            },
            reading: .init(
                files: reading.files, lines: reading.lines, records: reading.records, outsidePeriod: outsidePeriod,
                damagedLines: reading.damagedLines, damagedLineSamples: reading.damagedLineSamples.map(\.description),
                damagedFiles: reading.damagedFiles.map(\.description),
                versions: reading.versions.sorted { $0.key < $1.key }.map { .init(name: "v\($0.key)", count: $0.value) }
            )
        )
    }

    /// The not-understood messages grouped, every group (for the review queue).
    func groups() -> [MessageCluster] {
        MessageGrouper(normalizer: settings.normalizer, similarity: settings.similarity).group(notUnderstood.tallies)
    }

    /// A chat's identity: channel and chat id, hashed (FNV-1a) to keep per-day sets small.
    static func chatKey(_ record: TurnLogRecord) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in record.channel.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        hash ^= 0x1F
        hash &*= 0x0000_0100_0000_01B3
        for byte in record.chatID.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}

/// Which day a time falls on, remembered per quarter hour (every time zone offset and daylight saving
/// change is a whole number of quarter hours): records come in time order, so nearly every lookup hits
/// the quarter before and skips the time zone arithmetic.
private struct QuarterHourToDay: Sendable {
    private var quarter: Int64 = .min
    private var day = LogDay(year: 1970, month: 1, day: 1)

    mutating func day(of date: Date, in timeZone: TimeZone) -> LogDay {
        let seconds = date.timeIntervalSince1970
        let thisQuarter = seconds.isFinite ? Int64((max(-9e15, min(9e15, seconds)) / 900).rounded(.down)) : 0
        if thisQuarter != quarter {
            quarter = thisQuarter
            day = LogDay(date, in: timeZone)
        }
        return day
    }
}
