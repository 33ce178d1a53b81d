/// Builds one reply and the state after it: the moves the engine can make, each keeping the reply text,
/// the reply key and the pending question consistent.
struct TurnComposer {
    let catalog: IntentCatalog
    var state: ConversationState
    private var parts: [String] = []
    /// The reply key; the first substantive move sets it.
    private(set) var replyKey: String?
    /// The intent the turn amounts to, when context changed it (a "yes" to a probe is that cause).
    private(set) var resolvedIntent: String?
    /// Causes the message itself ruled out (`我没逾期`); a diagnosis started by this turn does not ask about them.
    var ruledOutInMessage: [String] = []

    init(catalog: IntentCatalog, state: ConversationState) {
        self.catalog = catalog
        self.state = state
    }

    var reply: String { parts.joined(separator: "\n\n") }

    mutating func say(_ text: String) {
        let trimmed = text.trimmed
        if !trimmed.isEmpty { parts.append(trimmed) }
    }

    private mutating func key(_ key: String) {
        if replyKey == nil { replyKey = key }
    }

    /// Gives an intent's reply and starts what follows it (diagnosis, follow-up question, menu).
    /// - Parameter confirmed: the user already said yes to this cause's diagnosis question, so follow-ups
    ///   that only confirm the cause (their "no" resumes the diagnosis) are skipped.
    mutating func answer(_ id: String, confirmed: Bool = false) {
        guard let intent = catalog.intent(id) else { return }
        // An off-topic subject's reply is still an out_of_scope turn.
        resolvedIntent = resolvedIntent ?? (intent.category == .fallback ? IntentCatalog.outOfScope : id)
        key(id)
        say(intent.reply)
        state.topic = intent.category == .cause ? id : nil
        switch intent.category {
        case .overview:
            startDiagnosis(intent)
        case .cause:
            state.diagnosis = state.diagnosis ?? DiagnosisProgress()
            state.diagnosis?.confirmed = id
            let followUps = confirmed ? intent.followUps.filter { $0.deny.target != DialogueTargets.diagnose } : intent.followUps
            if let first = followUps.first { ask(first) } else { state.pending = nil }
        case .fallback:
            offerMenu()
        case .support, .smalltalk, .answer:
            state.pending = nil
        }
    }

    /// The user named something else while a question was open.
    mutating func changeSubject(to id: String) {
        guard let intent = catalog.intent(id) else { return }
        if intent.category == .smalltalk, id == "greeting", state.pending != nil {
            resolvedIntent = id
            key(id)
            say(intent.reply)
            reaskPending(key: id)
            return
        }
        answer(id)
    }

    /// Follows the branch of a follow-up question for the user's answer.
    mutating func follow(_ followUp: FollowUp, answer: YesNo) {
        resolvedIntent = answer.rawValue
        let branch = followUp.branch(answer)
        if let reply = branch.reply {
            key("\(followUp.id).\(answer.rawValue)")
            say(reply)
        }
        let owner = catalog.owner(ofFollowUp: followUp.id)
        // The cause stays the topic through its own questions and a jump to support; a jump elsewhere changes it.
        defer {
            if let owner, owner.category == .cause, keepsTopic(branch.target, of: owner) { state.topic = owner.id }
        }
        guard let target = branch.target else {
            // Next question of the same intent, if any.
            if let owner, let index = owner.followUps.firstIndex(where: { $0.id == followUp.id }),
               index + 1 < owner.followUps.count {
                ask(owner.followUps[index + 1])
            } else {
                state.pending = nil
            }
            return
        }
        if target == DialogueTargets.diagnose {
            if let owner, owner.category == .cause {
                record(owner.id, in: \.ruledOut)
                if state.diagnosis?.confirmed == owner.id { state.diagnosis?.confirmed = nil }
            }
            askNextProbe()
        } else if let next = catalog.followUp(target) {
            ask(next)
        } else {
            let before = resolvedIntent
            self.answer(target)
            resolvedIntent = before
        }
    }

    /// Whether a follow-up branch going to `target` keeps its cause as the topic.
    private func keepsTopic(_ target: String?, of owner: IntentDefinition) -> Bool {
        guard let target else { return true }
        if target == DialogueTargets.diagnose { return false }
        if owner.followUps.contains(where: { $0.id == target }) { return true }
        return catalog.intent(target)?.category == .support
    }

    /// A `/command`: its reply; `/start`, `/help` and an unknown command go on with the menu.
    mutating func command(_ name: String, reply: String) {
        resolvedIntent = DialogueEngine.commandIntent
        key("command.\(name)")
        say(reply)
        state.topic = nil
        if name == "reset" {
            state.pending = nil
        } else if ["start", "help", "unknown"].contains(name) {
            offerMenu()
        }
    }

    /// The menu, asked for in words: no apology.
    mutating func showMenu() {
        resolvedIntent = "menu"
        key("menu")
        state.topic = nil
        offerMenu()
    }

    /// Answers questions about the cause being discussed, each kind from the cause's `topic_answers` (or the
    /// fallback), then asks its pending question again (unless `reask` is false: the message answered it too).
    mutating func answerTopic(_ cause: String, kinds: [String], reask: Bool = true) {
        resolvedIntent = cause
        key("\(cause).\(kinds.first ?? "topic")")
        let intent = catalog.intent(cause)
        var said: Set<String> = []
        for kind in kinds {
            let reply = intent?.topicAnswer(kind)?.reply ?? catalog.responses.topicFallback
            if said.insert(reply).inserted { say(reply) }
        }
        state.topic = cause
        if reask { reaskPending(key: "\(cause).topic") }
    }

    /// "Other causes?" while `cause` is discussed: the diagnosis goes on with the causes not yet ruled out,
    /// this one set aside.
    mutating func resumeDiagnosis(after cause: String) {
        resolvedIntent = catalog.overview?.id ?? cause
        key("diagnose.other_causes")
        say(catalog.responses.otherCausesIntro)
        record(cause, in: \.ruledOut)
        if state.diagnosis?.confirmed == cause { state.diagnosis?.confirmed = nil }
        state.topic = nil
        askNextProbe()
    }

    /// The user said no to the probe about `cause`: on to the next one.
    mutating func ruleOut(_ cause: String) {
        resolvedIntent = YesNo.no.rawValue
        state.topic = nil
        record(cause, in: \.ruledOut)
        askNextProbe()
    }

    /// The user is not sure about `cause`: how to find out (its `probe_unsure`), then the next cause.
    mutating func setAside(_ cause: String) {
        resolvedIntent = "unsure"
        state.topic = nil
        if let hint = catalog.intent(cause)?.probeUnsure {
            key("diagnose.unsure_\(cause)")
            say(hint)
        }
        record(cause, in: \.unsure)
        askNextProbe()
    }

    /// Adds `cause` to one of the diagnosis' lists (ruled out, not sure) once, starting the diagnosis if needed.
    mutating func record(_ cause: String, in list: WritableKeyPath<DiagnosisProgress, [String]>) {
        var diagnosis = state.diagnosis ?? DiagnosisProgress()
        if !diagnosis[keyPath: list].contains(cause) { diagnosis[keyPath: list].append(cause) }
        state.diagnosis = diagnosis
    }

    /// Repeats the pending question after a hint that the answer was not understood.
    mutating func reprompt(_ hint: String) {
        guard let pending = state.pending else { return }
        resolvedIntent = resolvedIntent ?? "unclear"
        key("\(pending.key).reprompt")
        say(hint)
        reaskPending(key: pending.key)
    }

    /// Asks the pending question again, if there is one.
    mutating func reaskPending(key fallbackKey: String) {
        key(fallbackKey)
        switch state.pending {
        case .probe(let cause): say(catalog.intent(cause)?.probe ?? "")
        case .followUp(let id): say(catalog.followUp(id)?.question ?? "")
        case .choice(let options, let kind): say(numbered(kind == .menu ? catalog.responses.menuIntro : catalog.responses.ambiguous, options))
        case nil: break
        }
    }

    /// Offers a numbered choice between intents.
    mutating func offerChoice(_ options: [String], kind: PendingQuestion.ChoiceKind) {
        key(kind.rawValue)
        state.topic = nil
        say(numbered(kind == .menu ? catalog.responses.menuIntro : catalog.responses.ambiguous, options))
        state.pending = .choice(options: options, kind: kind)
    }

    private mutating func offerMenu() {
        say(numbered(catalog.responses.menuIntro, catalog.responses.menu))
        state.pending = .choice(options: catalog.responses.menu, kind: .menu)
    }

    private mutating func ask(_ followUp: FollowUp) {
        key(followUp.id)
        say(followUp.question)
        state.pending = .followUp(id: followUp.id)
    }

    private mutating func startDiagnosis(_ overview: IntentDefinition) {
        guard let diagnosis = overview.diagnosis else { return }
        let ruledOut = diagnosis.causes.filter(ruledOutInMessage.contains)
        state.diagnosis = DiagnosisProgress(ruledOut: ruledOut)
        say(numbered(catalog.responses.causeListIntro, diagnosis.causes))
        if !ruledOut.isEmpty {
            let titles = ruledOut.map { catalog.intent($0)?.title ?? $0 }.joined(separator: "、")
            say(catalog.responses.ruledOutIntro.trimmed + titles + "。")
        }
        say(catalog.responses.diagnosisIntro)
        askNextProbe()
    }

    private mutating func askNextProbe() {
        guard let diagnosis = catalog.overview?.diagnosis else {
            state.pending = nil
            return
        }
        state.topic = nil
        let settled = state.diagnosis?.settled ?? []
        if let next = diagnosis.causes.first(where: { !settled.contains($0) }), let probe = catalog.intent(next)?.probe {
            key("diagnose.ask_\(next)")
            say(probe)
            state.pending = .probe(cause: next)
        } else if let unsureReply = diagnosis.unsureReply, !(state.diagnosis?.unsure.isEmpty ?? true) {
            key("diagnose.unsure_left")
            say(unsureReply)
            state.pending = nil
        } else {
            key("diagnose.no_cause")
            say(diagnosis.noCauseReply)
            state.pending = nil
        }
    }

    private func numbered(_ intro: String, _ options: [String]) -> String {
        let lines = options.enumerated().map { index, id in "\(index + 1). \(catalog.intent(id)?.title ?? id)" }
        return ([intro.trimmed] + lines).joined(separator: "\n")
    }
}

#if canImport(Foundation)
import Foundation
#endif
