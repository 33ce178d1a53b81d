import Classifier
import Dialogue
import Foundation
@testable import Operators
import SharedTestSupport
import Testing
import TurnLog
import TurnLogTesting

@Suite("Grouping near-duplicate messages")
struct MessageGrouperTests {
    static let normalizer = TextNormalizer(lexicon: (try? IntentCatalogLoader(directory: Repository.intents).load())?.lexicon.normalization ?? .empty)

    private static func tallies(_ counts: [String: Int]) -> [String: MessageTally] {
        counts.mapValues { MessageTally(count: $0, guesses: ["out_of_scope": $0], lastDecision: "out_of_scope:predicted", lastConfidence: 0.8, lastRunnerUp: nil) }
    }

    private func group(_ counts: [String: Int], similarity: Double = 0.5) -> [MessageCluster] {
        Self.group(counts, similarity: similarity)
    }

    private static func group(_ counts: [String: Int], similarity: Double) -> [MessageCluster] {
        MessageGrouper(normalizer: normalizer, similarity: similarity).group(tallies(counts))
    }

    @Test("small edits of a message count together with it")
    func smallEdits() {
        let groups = group([
            "花呗怎么分期还款比较划算": 10,
            "花呗怎么分期还款比较划算啊": 3,  // a particle
            "花呗怎么分期还款比较划算？": 2,  // punctuation
            "花呗，怎么分期还款比较划算": 2,  // punctuation inside
            "花呗怎么分期还款比划算": 1,  // a character left out
            "花呗怎么分期还钱比较划算": 1,  // a character changed
            "花唄怎麼分期還款比較劃算": 1,  // traditional characters
            "花贝怎么分期还款比较划算": 1,  // a typo the lexicon knows
            "花呗怎么分期还款比较划算ＯＫ": 1,  // full-width Latin
        ])
        #expect(groups.count == 1)
        #expect(groups.first?.count == 22)
        #expect(groups.first?.messages.count == 9)
        #expect(groups.first?.representative == "花呗怎么分期还款比较划算")
    }

    @Test("different questions on the same subject stay apart")
    func differentQuestions() {
        let groups = group(["花呗怎么还款": 5, "花呗怎么分期": 4, "花呗额度怎么提升": 3, "借呗的利息怎么算": 2, "今天天气怎么样": 1])
        #expect(groups.map(\.count) == [5, 4, 3, 2, 1])
    }

    @Test("messages with nothing to classify group by their own characters")
    func emojiAndDots() {
        let groups = group(["😭😭": 4, "😭": 3, "👍👍": 2, "。。。": 1, "": 1])
        #expect(groups.map(\.count) == [7, 2, 1, 1])
    }

    @Test("the most frequent message leads its group; groups come most frequent first, ties by text")
    func ordering() {
        let groups = group(["我想问一下余额宝怎么转出": 1, "我想问一下余额宝怎么转出来": 5, "请问信用卡怎么还款呢": 6, "蚂蚁森林的能量收不了": 6])
        #expect(groups.map(\.representative) == ["我想问一下余额宝怎么转出来", "蚂蚁森林的能量收不了", "请问信用卡怎么还款呢"])
        #expect(groups.first?.messages.map(\.text) == ["我想问一下余额宝怎么转出来", "我想问一下余额宝怎么转出"])
    }

    /// Seeded, so a failure names the case that reproduces it; many seeds, so ties between equally frequent
    /// groups and equally similar leaders come up in every run. Each case takes a comparison of every message with
    /// every leader, so the cases run on the CPU-bound work thread, and the default run takes the first
    /// `sweepSeeds` seeds; `HUABEI_TEST_SWEEP_SEEDS=40` runs the whole sweep.
    @Test("prefix filtering finds exactly the leaders a comparison with every leader finds",
          arguments: [0.3, 0.5, 0.7], 1...sweepSeeds)
    func prefixFilteringIsExact(similarity: Double, seed: UInt64) async {
        let (fast, slow) = await CPUBoundWork.run { () -> ([MessageCluster], [MessageCluster]) in
            var random = SeededGenerator(seed: seed)
            let alphabet = Array("花呗借额度怎么还款分期账单冻结天气余额宝转出")
            var counts: [String: Int] = [:]
            for _ in 0..<400 {
                let length = Int.random(in: 2...9, using: &random)
                counts[String((0..<length).map { _ in alphabet.randomElement(using: &random) ?? "花" })] = Int.random(in: 1...50, using: &random)
            }
            return (Self.group(counts, similarity: similarity), Self.bruteForce(counts, similarity: similarity))
        }
        #expect(fast.map(\.count) == slow.map(\.count))
        #expect(fast.map { Set($0.messages.map(\.text)) } == slow.map { Set($0.messages.map(\.text)) })
    }

    /// How many seeds the sweep above takes: 10 by default (30 cases), more with `HUABEI_TEST_SWEEP_SEEDS`.
    static let sweepSeeds: UInt64 = ProcessInfo.processInfo.environment["HUABEI_TEST_SWEEP_SEEDS"].flatMap { UInt64($0) }.map { max($0, 1) } ?? 10

    /// The same greedy clustering, comparing each message with every leader.
    private static func bruteForce(_ counts: [String: Int], similarity: Double) -> [MessageCluster] {
        let shingles = CharacterShingles(normalizer: normalizer)
        var byKey: [String: [(String, Int)]] = [:]
        for (text, count) in counts { byKey[shingles.key(for: text), default: []].append((text, count)) }
        let items = byKey.map { key, texts in (key: key, texts: texts, count: texts.reduce(0) { $0 + $1.1 }) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key }
        let sets = items.map { Set(shingles.shingles(ofKey: $0.key)) }
        var leaders: [Int] = []
        var members: [Int: [Int]] = [:]
        for index in items.indices {
            var best = -1
            var bestScore = 0.0
            for leader in leaders {
                let union = sets[index].union(sets[leader]).count
                let score = union == 0 ? 1 : Double(sets[index].intersection(sets[leader]).count) / Double(union)
                if score >= similarity - 1e-9, score > bestScore { best = leader; bestScore = score }
            }
            if best < 0 { leaders.append(index); best = index }
            members[best, default: []].append(index)
        }
        return leaders.map { leader in
            let texts = (members[leader] ?? []).flatMap { items[$0].texts }
            let tallies = tallies(Dictionary(uniqueKeysWithValues: texts))
            let messages = tallies.map { ($0.key, $0.value) }.sorted { $0.1.count != $1.1.count ? $0.1.count > $1.1.count : $0.0 < $1.0 }
            return MessageCluster(messages: messages, keys: [],
                                  count: texts.reduce(0) { $0 + $1.1 })
        }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.representative < $1.representative }
    }
}
