/// One scripted turn, before it gets a time, a chat and a latency.
struct ScriptedTurn {
    var text: String
    var intent: String
    var confidence: Double
    var runnerUp: (intent: String, confidence: Double)?
    var decision: String
    var replyKey: String
    var step: String
    var notices: [String] = []
}

/// Writes conversations as the dialogue engine would log them, and counts what each one must add to the
/// report's figures.
struct ConversationScript {
    var figures: GeneratedFigures
    var random: SeededGenerator
    let noiseShare: Double

    init(figures: GeneratedFigures, random: SeededGenerator, noiseShare: Double) {
        self.figures = figures
        self.random = random
        self.noiseShare = noiseShare
    }

    /// One conversation of a randomly chosen kind.
    mutating func conversation() -> [ScriptedTurn] {
        let roll = Double.random(in: 0..<1, using: &random)
        switch roll {
        case ..<0.18: return diagnosisToCause()
        case ..<0.22: return diagnosisResumedAfterFollowUp()
        case ..<0.27: return diagnosisWithoutCause()
        case ..<0.32: return diagnosisAbandoned()
        case ..<0.52: return causeWithFollowUp()
        case ..<0.80: return notUnderstood()
        case ..<0.88: return smalltalk()
        case ..<0.93: return ambiguous()
        default: return emptyMessage()
        }
    }

    // MARK: Diagnosis

    private mutating func start() -> ScriptedTurn {
        figures.diagnosisStarted += 1
        return turn(pick(ScriptedCatalog.overviewMessages), ScriptedCatalog.overview, replyKey: ScriptedCatalog.overview,
                    step: probe(0))
    }

    private func probe(_ index: Int) -> String { "diagnose.ask_\(ScriptedCatalog.causes[index])" }

    private mutating func deny(movingTo index: Int) -> ScriptedTurn {
        turn(pick(ScriptedCatalog.noMessages), "deny", replyKey: probe(index), step: probe(index))
    }

    private mutating func confirm(_ index: Int) -> ScriptedTurn {
        let cause = ScriptedCatalog.causes[index]
        return turn(pick(ScriptedCatalog.yesMessages), "affirm", replyKey: cause, step: ScriptedCatalog.followUp(of: cause))
    }

    mutating func diagnosisToCause() -> [ScriptedTurn] {
        let index = Int.random(in: 0..<ScriptedCatalog.causes.count, using: &random)
        var turns = [start()]
        for next in stride(from: 1, through: index, by: 1) { turns.append(deny(movingTo: next)) }
        turns.append(confirm(index))
        let cause = ScriptedCatalog.causes[index]
        figures.diagnosisReached[cause, default: 0] += 1
        if Bool.random(using: &random) {
            turns += answer(ScriptedCatalog.followUp(of: cause))
        }
        return turns
    }

    /// A cause confirmed, then its follow-up sends the user back into the diagnosis, which ends on a later
    /// cause: the flow counts for the later cause only.
    mutating func diagnosisResumedAfterFollowUp() -> [ScriptedTurn] {
        let first = Int.random(in: 0..<(ScriptedCatalog.causes.count - 1), using: &random)
        let final = Int.random(in: (first + 1)..<ScriptedCatalog.causes.count, using: &random)
        var turns = [start()]
        for next in stride(from: 1, through: first, by: 1) { turns.append(deny(movingTo: next)) }
        turns.append(confirm(first))
        let question = ScriptedCatalog.followUp(of: ScriptedCatalog.causes[first])
        turns.append(turn(pick(ScriptedCatalog.noMessages), "deny", replyKey: "\(question).deny", step: probe(first + 1)))
        figures.followUpAnswers[question, default: [:]]["no", default: 0] += 1
        for next in stride(from: first + 2, through: final, by: 1) { turns.append(deny(movingTo: next)) }
        turns.append(confirm(final))
        figures.diagnosisReached[ScriptedCatalog.causes[final], default: 0] += 1
        return turns
    }

    mutating func diagnosisWithoutCause() -> [ScriptedTurn] {
        var turns = [start()]
        for next in 1..<ScriptedCatalog.causes.count { turns.append(deny(movingTo: next)) }
        turns.append(turn(pick(ScriptedCatalog.noMessages), "deny", replyKey: "diagnose.no_cause", step: "idle"))
        figures.diagnosisNoCause += 1
        return turns
    }

    mutating func diagnosisAbandoned() -> [ScriptedTurn] {
        var turns = [start()]
        let denials = Int.random(in: 0...3, using: &random)
        for next in stride(from: 1, through: denials, by: 1) { turns.append(deny(movingTo: next)) }
        figures.diagnosisAbandoned += 1
        return turns
    }

    // MARK: Follow-up questions

    mutating func causeWithFollowUp() -> [ScriptedTurn] {
        let cause = pick(ScriptedCatalog.causes)
        let question = ScriptedCatalog.followUp(of: cause)
        let text = pick(ScriptedCatalog.causeMessages[cause] ?? [])
        return [turn(text, cause, replyKey: cause, step: question)] + answer(question)
    }

    /// The answer to `question`: yes, no, yes without a reply of its own, not understood and asked again,
    /// or a change of subject.
    private mutating func answer(_ question: String) -> [ScriptedTurn] {
        func count(_ answer: String) { figures.followUpAnswers[question, default: [:]][answer, default: 0] += 1 }
        switch Int.random(in: 0..<5, using: &random) {
        case 0:
            count("yes")
            return [turn(pick(ScriptedCatalog.yesMessages), "affirm", replyKey: "\(question).affirm", step: "idle")]
        case 1:
            count("no")
            return [turn(pick(ScriptedCatalog.noMessages), "deny", replyKey: "\(question).deny", step: "idle")]
        case 2:
            // The branch has no reply of its own and jumps to another intent: the log shows that intent's key.
            count("yes")
            return [turn(pick(ScriptedCatalog.yesMessages), "affirm", replyKey: "contact_support", step: "idle")]
        case 3:
            count("unclear")
            count("yes")
            let unclear = notUnderstoodTurn(family: ScriptedCatalog.unclearAnswerBase, lowConfidence: true,
                                            replyKey: "\(question).reprompt", step: question)
            return [unclear, turn(pick(ScriptedCatalog.yesMessages), "affirm", replyKey: "\(question).affirm", step: "idle")]
        default:
            count("other")
            return [turn("谢谢", "thanks", replyKey: "thanks", step: "idle")]
        }
    }

    // MARK: Not understood

    mutating func notUnderstood() -> [ScriptedTurn] {
        let count = Int.random(in: 1...2, using: &random)
        return (0..<count).map { _ in
            if Double.random(in: 0..<1, using: &random) < noiseShare {
                return noiseTurn()
            }
            let family = zipfPick(ScriptedCatalog.notUnderstoodBases)
            return notUnderstoodTurn(family: family, lowConfidence: Bool.random(using: &random), replyKey: "out_of_scope", step: "menu")
        }
    }

    private mutating func notUnderstoodTurn(family: String, lowConfidence: Bool, replyKey: String, step: String) -> ScriptedTurn {
        figures.notUnderstoodFamilies[family, default: 0] += 1
        let text = variant(of: family)
        if lowConfidence {
            return turn(text, "out_of_scope", confidence: 0.31, runnerUp: ("overdue", 0.22), decision: "out_of_scope:low_confidence",
                        replyKey: replyKey, step: step)
        }
        return turn(text, "out_of_scope", confidence: 0.83, runnerUp: ("freeze_overview", 0.05), decision: "out_of_scope:predicted",
                    replyKey: replyKey, step: step)
    }

    private mutating func noiseTurn() -> ScriptedTurn {
        figures.noiseMessages += 1
        let length = Int.random(in: 8...14, using: &random)
        let text = String((0..<length).map { _ in Character(Unicode.Scalar(UInt32.random(in: 0x4E00...0x9FA5, using: &random))!) })
        return turn(text, "out_of_scope", confidence: 0.77, runnerUp: ("greeting", 0.04), decision: "out_of_scope:predicted",
                    replyKey: "out_of_scope", step: "menu")
    }

    /// Half the time the base itself, otherwise one small edit of it.
    private mutating func variant(of base: String) -> String {
        var characters = Array(base)
        switch Int.random(in: 0..<8, using: &random) {
        case 0: return base + pick(ScriptedCatalog.particles)
        case 1: return base + "？"
        case 2:
            characters.remove(at: Int.random(in: 2..<(characters.count - 2), using: &random))
        case 3:
            characters[Int.random(in: 2..<(characters.count - 2), using: &random)] = pick(ScriptedCatalog.substitutes)
        default:
            return base
        }
        return String(characters)
    }

    mutating func emptyMessage() -> [ScriptedTurn] {
        let family = pick(ScriptedCatalog.emptyFamilies.keys.sorted())
        figures.notUnderstoodFamilies[family, default: 0] += 1
        let text = pick(ScriptedCatalog.emptyFamilies[family] ?? [family])
        return [turn(text, "out_of_scope", confidence: 0.08, runnerUp: ("greeting", 0.08), decision: "out_of_scope:empty",
                     replyKey: "empty", step: "idle")]
    }

    // MARK: Other

    mutating func smalltalk() -> [ScriptedTurn] {
        let (intent, text) = pick(ScriptedCatalog.smalltalk)
        return [turn(text, intent, replyKey: intent, step: "idle")]
    }

    /// Two intents too close to call. Below the threshold it is not understood (a family of its own);
    /// above it, it is not.
    mutating func ambiguous() -> [ScriptedTurn] {
        if Bool.random(using: &random) {
            let family = "花呗和借呗都不能用是不是被限制了"
            figures.notUnderstoodFamilies[family, default: 0] += 1
            return [turn(variant(of: family), "cash_out", confidence: 0.36, runnerUp: ("freeze_overview", 0.33), decision: "ambiguous",
                         replyKey: "clarify", step: "clarify")]
        }
        return [turn(pick(ScriptedCatalog.confidentAmbiguous), "cash_out", confidence: 0.5, runnerUp: ("freeze_overview", 0.42),
                     decision: "ambiguous", replyKey: "clarify", step: "clarify")]
    }

    // MARK: Helpers

    private func turn(
        _ text: String, _ intent: String, confidence: Double = 0.93, runnerUp: (String, Double)? = ("out_of_scope", 0.03),
        decision: String = "intent", replyKey: String, step: String
    ) -> ScriptedTurn {
        ScriptedTurn(text: text, intent: intent, confidence: confidence, runnerUp: runnerUp, decision: decision, replyKey: replyKey, step: step)
    }

    private mutating func pick<T>(_ values: [T]) -> T {
        values[Int.random(in: 0..<values.count, using: &random)]
    }

    /// Index i is picked with weight 1/(i+1)^1.2, so families have clearly different frequencies.
    private mutating func zipfPick(_ values: [String]) -> String {
        let weights = values.indices.map { 1 / pow(Double($0 + 1), 1.2) }
        var roll = Double.random(in: 0..<weights.reduce(0, +), using: &random)
        for (index, weight) in weights.enumerated() {
            roll -= weight
            if roll < 0 { return values[index] }
        }
        return values[values.count - 1]
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
