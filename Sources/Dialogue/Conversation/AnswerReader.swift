import Classifier

/// Reads a message in the context of a yes/no question: yes, no, not sure, another intent, or unclear.
///
/// Chinese answers a yes/no question in several ways, and each has its rule, tried in order:
/// 0. A phrase the cause itself lists as a yes (`probe_yes_phrases`, for causes said with a negation); an answer
///    that opens with "not sure" (`不知道`, `我也不清楚`, from the lexicon) — before rule 1, whose `不` is a no.
/// 1. A leading cue word (`是的…`, `没有…`, from the lexicon, longest first). A leading "no" followed by
///    the very cause asked about is a no (`没有逾期`); one that goes on to name a different cause jumps to
///    that cause (`没有逾期，但是换了手机号`). A hesitation (`嗯`, `恩`) counts as a yes only when no "no"
///    follows it (`嗯，没有` is a no).
/// 2. The classifier's own affirm or deny intent (`嗯嗯`, `木有`, pinyin `shi de`).
/// 3. Echoing the question's words is a yes (`还清了` to "欠款还清了吗"), as is naming the cause asked.
/// 4. Another intent the classifier is sure of: the user changed the subject.
struct AnswerReader: Sendable {
    enum Reading: Equatable {
        case yes, no
        /// `不知道`, `不清楚`: the user cannot tell.
        case unsure
        case intent(String)
        case unclear
    }

    let affirmCues: [String]
    let denyCues: [String]
    let unsureCues: [String]
    let policy: DecisionPolicy

    init(lexicon: DialogueLexicon, policy: DecisionPolicy) {
        // Longest first, so 没错 (yes) wins over 没 (no) and 不是 (no) over 是 (yes).
        affirmCues = lexicon.affirmCues.map { $0.lowercased() }.sorted { $0.count > $1.count }
        denyCues = lexicon.denyCues.map { $0.lowercased() }.sorted { $0.count > $1.count }
        unsureCues = lexicon.unsureCues.map { $0.lowercased() }
        self.policy = policy
    }

    /// - Parameters:
    ///   - compact: the message as the classifier saw it, without boundaries (`Classification.compactText`).
    ///   - subject: the cause the question asks about (diagnosis probes), if any.
    ///   - question: the question's text, for echo answers.
    func read(
        compact: String, decision: IntentDecision, subject: String?, question: String, yesPhrases: [String] = []
    ) -> Reading {
        if yesPhrases.contains(where: { compact.contains($0) }) { return .yes }
        if opensUnsure(compact) { return .unsure }
        let decided: String? = if case .intent(let intent) = decision { intent } else { nil }

        if let (polarity, _) = leadingCue(compact) {
            if polarity == .no, let decided, decided != subject, isTopic(decided) {
                return .intent(decided)
            }
            return polarity
        }
        if decided == "affirm" { return .yes }
        if decided == "deny" { return .no }
        if let subject, decided == subject { return .yes }
        if echoes(compact, question: question) { return .yes }
        if let decided, decided != policy.outOfScopeIntent { return .intent(decided) }
        if case .ambiguous(let first, let second) = decision {
            if [first, second].contains("affirm"), ![first, second].contains("deny") { return .yes }
            if [first, second].contains("deny"), ![first, second].contains("affirm") { return .no }
        }
        return .unclear
    }

    /// Words said before the answer proper: `我也不知道`, `这个不清楚`, `嗯…不确定`.
    static let leadIns = ["我也", "我", "也", "这个", "这", "嗯", "呃", "额"]

    /// Whether the answer opens, after a lead-in, with a "not sure" cue.
    func opensUnsure(_ compact: String) -> Bool {
        var rest = Substring(compact)
        while let leadIn = Self.leadIns.first(where: { rest.hasPrefix($0) }) { rest = rest.dropFirst(leadIn.count) }
        return unsureCues.contains { rest.hasPrefix($0) }
    }

    /// Affirm cues that are also mere hesitations ("um"): a deny cue right after one decides the answer.
    static let hesitations: Set<String> = ["嗯", "嗯嗯", "恩", "恩恩", "嗯呢"]

    /// The polarity of a leading cue and the text after it.
    func leadingCue(_ compact: String) -> (Reading, String)? {
        guard let cue = firstCue(compact) else { return nil }
        if cue.0 == .yes, Self.hesitations.contains(String(compact.dropLast(cue.1.count))),
            let following = firstCue(cue.1), following.0 == .no
        {
            return following
        }
        return cue
    }

    private func firstCue(_ compact: String) -> (Reading, String)? {
        var best: (Reading, String, Int)?
        for (cues, polarity) in [(affirmCues, Reading.yes), (denyCues, Reading.no)] {
            for cue in cues where compact.hasPrefix(cue) {
                if best == nil || cue.count > best!.2 {
                    best = (polarity, String(compact.dropFirst(cue.count)), cue.count)
                }
                break
            }
        }
        guard let best else { return nil }
        // A Latin cue (`n`, `no`) must be a whole word: `nihao` does not start with "no".
        if let first = best.1.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic,
           best.2 <= 4, compact.prefix(best.2).unicodeScalars.allSatisfy({ $0.isASCII }) {
            return nil
        }
        return (best.0, best.1)
    }

    /// Short answers that repeat two characters of the question in a row (`还清了`, `用过`).
    private func echoes(_ compact: String, question: String) -> Bool {
        let characters = Array(compact.filter { $0.unicodeScalars.first?.properties.isIdeographic == true })
        guard characters.count >= 2, characters.count <= 8 else { return false }
        for index in 0..<(characters.count - 1) where question.contains(String(characters[index...(index + 1)])) {
            return true
        }
        return false
    }

    private func isTopic(_ intent: String) -> Bool {
        intent != "affirm" && intent != "deny" && intent != policy.outOfScopeIntent
    }
}

#if canImport(Foundation)
import Foundation
#endif
