import Classifier

/// Finds the messages the dialogue answers from context rather than from the classifier: words asking for the
/// menu (`菜单`, `你能做什么`), and questions about the cause being discussed (`多久能恢复`, `还有别的原因吗`).
///
/// The phrases come from `_responses.yaml` and are matched on the normalised message, so typos the lexicon
/// knows, traditional characters and full-width forms count as their standard spelling, and a character that
/// sounds the same (`多旧` for `多久`) or typed pinyin still matches (``NormalizedText/occurrences(ofSounding:)``).
/// A message is such a request only when it says little else: what is left after the phrase and the filler
/// words (`花呗`, `恢复`, `请问`, `吗`) is a few characters at most, so `逾期了多久能恢复` asks "how long", while a
/// message that goes on to describe another problem is left to the classifier.
struct ContextPhrases: Sendable {
    /// What a message asks about the cause being discussed.
    struct TopicReading: Equatable {
        /// The question kinds asked, in file order (`how_long`, `serious`).
        var kinds: [String]
        /// It asks for other causes.
        var otherCauses: Bool
        /// Content characters (or words) not covered by the phrases or the filler words.
        var rest: Int
        /// Those characters, joined: what else the message says (`还清了，多久能恢复` → `还清`).
        var remainder: String
        /// The message without its question phrases, filler words kept (`是的，要多久` → `是的要`).
        var withoutPhrases: String
    }

    /// Most content tokens a menu request may have besides its menu word and filler words (`求帮助`).
    static let menuSlack = 2

    private let menuWords: [NormalizedText]
    private let kinds: [(id: String, cues: [NormalizedText])]
    private let otherCauses: [NormalizedText]
    private let fillers: [NormalizedText]

    init(responses: ResponseTexts, normalizer: TextNormalizer) {
        func normalized(_ phrases: [String]) -> [NormalizedText] {
            // Longer phrases first, so `多长时间` is covered as one rather than as `时间`.
            phrases.map(normalizer.normalize).filter { !$0.isEmpty }.sorted { $0.contentCount > $1.contentCount }
        }
        menuWords = normalized(responses.menuWords)
        kinds = responses.topicQuestions.map { ($0.id, normalized($0.cues)) }
        otherCauses = normalized(responses.otherCauses)
        fillers = normalized(responses.fillerWords)
    }

    /// True when the message asks for the menu and little else.
    func asksForMenu(_ text: NormalizedText) -> Bool {
        var covered = Coverage(text)
        guard covered.cover(menuWords, in: text) else { return false }
        covered.cover(fillers, in: text)
        return covered.rest <= Self.menuSlack
    }

    /// The topic questions a message asks, or nil when it asks none.
    func readTopic(_ text: NormalizedText) -> TopicReading? {
        var covered = Coverage(text)
        // "Other causes" first: `还有什么原因` is not "why".
        let otherCauses = covered.cover(otherCauses, in: text)
        var asked: [String] = []
        for kind in kinds where covered.cover(kind.cues, in: text) {
            asked.append(kind.id)
        }
        guard otherCauses || !asked.isEmpty else { return nil }
        let texts = text.contentTexts
        let withoutPhrases = texts.indices.filter { !covered.covered[$0] }.map { texts[$0] }.joined()
        covered.cover(fillers, in: text)
        let remainder = texts.indices.filter { !covered.covered[$0] }.map { texts[$0] }.joined()
        return TopicReading(
            kinds: otherCauses ? [] : asked, otherCauses: otherCauses, rest: covered.rest, remainder: remainder,
            withoutPhrases: withoutPhrases)
    }

    /// Which content tokens of a message the phrases found so far cover.
    private struct Coverage {
        var covered: [Bool]

        init(_ text: NormalizedText) {
            covered = Array(repeating: false, count: text.contentCount)
        }

        var rest: Int { covered.reduce(0) { $0 + ($1 ? 0 : 1) } }

        /// Covers every occurrence of the phrases, in their order, not yet covered; true when one was found.
        @discardableResult
        mutating func cover(_ phrases: [NormalizedText], in text: NormalizedText) -> Bool {
            var found = false
            for ranges in text.occurrences(ofSounding: phrases) {
                for range in ranges where !covered[range].contains(true) {
                    for index in range { covered[index] = true }
                    found = true
                }
            }
            return found
        }
    }
}
