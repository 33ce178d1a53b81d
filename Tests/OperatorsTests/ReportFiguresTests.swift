import Classifier
import Dialogue
import Foundation
import Operators
import Testing
import TurnLog
import TurnLogTesting

/// Every figure of the report against a generated log whose figures were counted while it was scripted.
@Suite("Report figures on a generated log")
struct ReportFiguresTests {
    /// One generated log (five days, damaged lines, older versions, unknown keys, a half-written last
    /// line) and its report, shared by the tests.
    struct Fixture: Sendable {
        let figures: GeneratedFigures
        let report: OperatorReport

        init(causes: [String] = ScriptedCatalog.causes) throws {
            let folder = try TemporaryFolder()
            var options = GeneratorOptions()
            options.seed = 7
            options.days = 5
            options.conversationsPerDay = 300
            options.olderVersionEvery = 37
            options.unknownKeysEvery = 11
            options.damagedLinesPerFile = 4
            options.halfWrittenLastLine = true
            figures = try TurnLogGenerator(options: options).write(dataDirectory: folder.path)
            var settings = ReportSettings()
            settings.timeZone = .utc
            settings.causes = causes
            settings.topGroups = 1000
            settings.normalizer = TextNormalizer(lexicon: (try? IntentCatalogLoader(directory: Repository.intents).load())?.lexicon.normalization ?? .empty)
            report = try OperatorReportBuilder(settings: settings).build(dataDirectory: folder.path)
        }
    }

    static let fixture = Result { try Fixture() }

    private func fixture() throws -> Fixture { try Self.fixture.get() }

    @Test("turns and distinct chats per day, and in total")
    func days() throws {
        let fixture = try fixture()
        #expect(fixture.report.days.map(\.day) == fixture.figures.turnsPerDay.keys.sorted())
        for day in fixture.report.days {
            #expect(day.turns == fixture.figures.turnsPerDay[day.day], "\(day.day)")
            #expect(day.chats == fixture.figures.chatsPerDay[day.day], "\(day.day)")
        }
        #expect(fixture.report.totals.turns == fixture.figures.turns)
        // Some chats come back the next day: fewer distinct chats in total than the sum of the days.
        #expect(fixture.report.totals.chats < fixture.figures.chatsPerDay.values.reduce(0, +))
        #expect(fixture.report.period.first?.description == "2026-11-01")
        #expect(fixture.report.period.last?.description == "2026-11-05")
    }

    @Test("the share of each intent")
    func intents() throws {
        let fixture = try fixture()
        let counted = Dictionary(uniqueKeysWithValues: fixture.report.intents.map { ($0.intent, $0.turns) })
        #expect(counted == fixture.figures.intents)
        for intent in fixture.report.intents {
            #expect(abs(intent.share - Double(intent.turns) / Double(fixture.figures.turns)) < 1e-12)
        }
        #expect(fixture.report.intents.map(\.turns) == fixture.report.intents.map(\.turns).sorted(by: >))
    }

    @Test("out-of-scope, low-confidence and not-understood counts and rates")
    func understanding() throws {
        let fixture = try fixture()
        let figures = fixture.report.understanding
        #expect(figures.outOfScope == fixture.figures.outOfScope)
        #expect(Dictionary(uniqueKeysWithValues: figures.outOfScopeReasons.map { ($0.name, $0.count) }) == fixture.figures.outOfScopeReasons)
        #expect(figures.lowConfidence == fixture.figures.lowConfidence)
        #expect(figures.notUnderstood == fixture.figures.notUnderstood)
        #expect(abs(figures.notUnderstoodRate - Double(fixture.figures.notUnderstood) / Double(fixture.figures.turns)) < 1e-12)
        // The three differ: confident out-of-scope answers and ambiguous low-confidence ones both exist.
        #expect(figures.outOfScope < figures.notUnderstood)
        #expect(figures.lowConfidence < figures.notUnderstood)
    }

    @Test("diagnosis flows started, the causes they reached, no cause, abandoned")
    func diagnosis() throws {
        let fixture = try fixture()
        let flows = fixture.report.diagnosis
        #expect(flows.started == fixture.figures.diagnosisStarted)
        #expect(Dictionary(uniqueKeysWithValues: flows.causes.map { ($0.name, $0.count) }) == fixture.figures.diagnosisReached)
        #expect(flows.reachedCause == fixture.figures.diagnosisReached.values.reduce(0, +))
        #expect(flows.noCause == fixture.figures.diagnosisNoCause)
        #expect(flows.abandoned == fixture.figures.diagnosisAbandoned)
        #expect(flows.started == flows.reachedCause + flows.noCause + flows.abandoned)
    }

    @Test("the causes are learnt from the logged probe steps when no catalog names them")
    func diagnosisWithoutCatalog() throws {
        let withoutCauses = try Fixture(causes: [])
        let fixture = try fixture()
        #expect(withoutCauses.report.diagnosis == fixture.report.diagnosis)
    }

    @Test("the answers given to each follow-up question")
    func followUps() throws {
        let fixture = try fixture()
        var counted: [String: [String: Int]] = [:]
        for question in fixture.report.followUps {
            let answers = ["yes": question.yes, "no": question.no, "unclear": question.unclear, "other": question.other]
            counted[question.question] = answers.filter { $0.value > 0 }
        }
        #expect(counted == fixture.figures.followUpAnswers)
    }

    @Test("latency p50, p95, p99 by nearest rank; lines without a latency left out")
    func latency() throws {
        let fixture = try fixture()
        let sorted = fixture.figures.latencies.sorted()
        func nearestRank(_ percent: Double) -> Int64 { sorted[Int((percent / 100 * Double(sorted.count)).rounded(.up)) - 1] }
        let latency = fixture.report.latency
        #expect(latency.count == sorted.count)
        #expect(latency.count == fixture.figures.turns - fixture.figures.olderVersionRecords)
        #expect(latency.p50 == nearestRank(50))
        #expect(latency.p95 == nearestRank(95))
        #expect(latency.p99 == nearestRank(99))
        #expect(latency.max == sorted.last)
        #expect(latency.histogram.map(\.count).reduce(0, +) == sorted.count)
    }

    @Test("not-understood messages grouped: every family of small edits is one group with its full count")
    func groups() throws {
        let fixture = try fixture()
        let groups = fixture.report.notUnderstoodGroups
        let families = fixture.figures.notUnderstoodFamilies
        #expect(fixture.report.notUnderstoodGroupCount == families.count + fixture.figures.noiseMessages)
        #expect(groups.reduce(0) { $0 + $1.count } == fixture.figures.notUnderstood)
        for (base, count) in families {
            let group = groups.first { $0.variants.contains { $0.name == base } }
            #expect(group?.count == count, "\(base)")
        }
        // Most frequent first, and the families (each more than one message) before the unique noise.
        #expect(groups.map(\.count) == groups.map(\.count).sorted(by: >))
        #expect(groups.prefix(families.count).allSatisfy { $0.count > 1 })
        #expect(groups.dropFirst(families.count).allSatisfy { $0.count == 1 && $0.variantCount == 1 })
    }

    @Test("damaged lines are skipped and counted; older and newer lines are read")
    func reading() throws {
        let fixture = try fixture()
        let reading = fixture.report.reading
        #expect(reading.damagedLines == fixture.figures.damagedLines)
        #expect(reading.damagedLines == 5 * 4 + 1)
        #expect(reading.records == fixture.figures.turns)
        #expect(reading.lines == reading.records + reading.damagedLines)
        #expect(reading.versions.first { $0.name == "v0" }?.count == fixture.figures.olderVersionRecords)
        #expect(reading.versions.first { $0.name == "v1" }?.count == fixture.figures.turns - fixture.figures.olderVersionRecords)
        #expect(reading.damagedLineSamples.count == 5)
    }
}
