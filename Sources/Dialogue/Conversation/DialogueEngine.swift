public import BotConfig
public import Classifier
public import Foundation

/// The conversation state machine: one message and the chat's state in, the reply and the new state out.
///
/// It does no I/O and keeps nothing between calls; all memory is in `ConversationState`, so the daemon
/// can run chats in parallel and restore them after a restart.
public struct DialogueEngine: Sendable {
    public let catalog: IntentCatalog
    public let classifier: IntentClassifier
    public let policy: DecisionPolicy
    /// A chat's state is forgotten after this many seconds of silence.
    public let idleTimeout: TimeInterval

    let safety: SafetyScreen
    let answers: AnswerReader
    /// Each cause's `rule_out_words`, normalised once.
    let ruleOutWords: [(cause: String, words: [NormalizedText])]

    /// Trains the classifier on the catalog and applies the configuration's thresholds.
    public init(catalog: IntentCatalog, configuration: BotConfiguration = BotConfiguration()) throws(ClassifierError) {
        var options = ClassifierOptions()
        options.temperature = Float(configuration.classifier.temperature)
        let classifier = try IntentClassifier(
            examples: catalog.trainingExamples,
            normalizer: TextNormalizer(lexicon: catalog.lexicon.normalization),
            options: options
        )
        self.init(catalog: catalog, classifier: classifier, configuration: configuration)
    }

    /// Uses an already trained classifier.
    public init(catalog: IntentCatalog, classifier: IntentClassifier, configuration: BotConfiguration = BotConfiguration()) {
        self.catalog = catalog
        self.classifier = classifier
        self.policy = DecisionPolicy(
            outOfScopeIntent: IntentCatalog.outOfScope,
            confidenceThreshold: configuration.classifier.confidenceThreshold,
            ambiguityMargin: configuration.classifier.ambiguityMargin
        )
        self.idleTimeout = TimeInterval(configuration.dialogue.idleTimeoutMinutes * 60)
        self.safety = SafetyScreen(lexicon: catalog.lexicon)
        self.answers = AnswerReader(lexicon: catalog.lexicon, policy: policy)
        self.ruleOutWords = catalog.intents.filter { !$0.ruleOutWords.isEmpty }.map { intent in
            (intent.id, intent.ruleOutWords.map(classifier.normalizer.normalize))
        }
    }

    /// Answers one message.
    public func respond(to text: String, state previous: ConversationState, at now: Date = Date()) -> DialogueTurn {
        let normalized = classifier.normalizer.normalize(text)
        let classification = classifier.classify(normalized)
        let decision = policy.decide(classification)
        var state = previous.isExpired(at: now, timeout: idleTimeout) ? ConversationState() : previous
        state.lastActivity = now
        state.turns += 1

        var turn = TurnComposer(catalog: catalog, state: state)
        if case .intent(let intent) = decision, intent == catalog.overview?.id {
            turn.ruledOutInMessage = ruledOutCauses(in: normalized)
        }
        let compact = classification.compactText
        let inspection = safety.inspect(text, compactText: compact)
        let notices = inspection.notices
        if notices.contains(.sensitiveData) { turn.say(catalog.responses.sensitiveWarning) }
        if notices.contains(.scam) { turn.say(catalog.responses.scamWarning) }

        if classification.isEmpty {
            if notices.isEmpty { turn.say(catalog.responses.empty) }
            turn.reaskPending(key: notices.isEmpty ? "empty" : "safety")
        } else if !notices.isEmpty, case .outOfScope = decision {
            // Only a secret or a scam offer: the warning is the answer.
            turn.reaskPending(key: "safety")
        } else if let pending = state.pending {
            handle(pending, text: text, compact: compact, decision: decision, offTopic: offTopicReply(classification), turn: &turn)
        } else {
            handleFresh(decision, offTopic: offTopicReply(classification), turn: &turn)
        }
        let resolvedIntent = turn.resolvedIntent ?? policy.resolvedIntent(classification)
        turn.state.lastIntent = resolvedIntent
        return DialogueTurn(
            reply: turn.reply, replyKey: turn.replyKey ?? "none", intent: resolvedIntent,
            classification: classification, decision: decision, notices: notices,
            redactedText: inspection.redactedText, state: turn.state
        )
    }

    /// The causes a message rules out by saying their `rule_out_words` negated (`我没逾期也没套现`: overdue and
    /// cash_out); a diagnosis this message starts does not ask about them.
    public func ruledOutCauses(in text: String) -> [String] {
        ruledOutCauses(in: classifier.normalizer.normalize(text))
    }

    func ruledOutCauses(in normalized: NormalizedText) -> [String] {
        ruleOutWords.filter { $0.words.contains(where: normalized.negates) }.map(\.cause)
    }

    /// A cause other than `cause` that the words after a yes or no name (`是的，我还换了手机` → account_security), when
    /// the classifier is sure of it.
    private func causeNamedAfterAnswer(_ compact: String, besides cause: String) -> String? {
        guard let (_, rest) = answers.leadingCue(compact), rest.count >= 3 else { return nil }
        guard case .intent(let named) = policy.decide(classifier.classify(rest)), named != cause,
              catalog.intent(named)?.category == .cause else { return nil }
        return named
    }

    /// The reply for an off-topic message: its subject's (`jiebei`: where 借呗 is handled), or out_of_scope's.
    private func offTopicReply(_ classification: Classification) -> String {
        if let topic = classification.topic, let intent = catalog.intent(topic), catalog.isTopic(intent) { return topic }
        return IntentCatalog.outOfScope
    }

    private func handleFresh(_ decision: IntentDecision, offTopic: String, turn: inout TurnComposer) {
        switch decision {
        case .intent(let intent):
            turn.answer(intent)
        case .ambiguous(let first, let second):
            turn.offerChoice([first, second], kind: .clarify)
        case .outOfScope:
            turn.answer(offTopic)
        }
    }

    private func handle(
        _ pending: PendingQuestion, text: String, compact: String, decision: IntentDecision, offTopic: String,
        turn: inout TurnComposer
    ) {
        switch pending {
        case .probe(let cause):
            let causes = catalog.overview?.diagnosis?.causes ?? []
            if let number = ChoiceNumber.parse(text), causes.indices.contains(number - 1) {
                turn.answer(causes[number - 1])
                return
            }
            let question = catalog.intent(cause)?.probe ?? ""
            let yesPhrases = catalog.intent(cause)?.probeYesPhrases ?? []
            let reading = answers.read(compact: compact, decision: decision, subject: cause, question: question, yesPhrases: yesPhrases)
            let other = reading == .yes || reading == .no ? causeNamedAfterAnswer(compact, besides: cause) : nil
            switch reading {
            case .yes:
                turn.answer(cause, confirmed: true)
                // 是的，我还换了手机: the other cause's remedy too, and its questions from here on.
                if let other { turn.answer(other, confirmed: true) }
            case .no:
                if let other {
                    // 没有逾期，不过芝麻分掉了: this cause is out, the one named is taken up.
                    if turn.state.diagnosis == nil { turn.state.diagnosis = DiagnosisProgress() }
                    if !(turn.state.diagnosis?.ruledOut.contains(cause) ?? false) { turn.state.diagnosis?.ruledOut.append(cause) }
                    turn.answer(other, confirmed: true)
                } else {
                    turn.ruleOut(cause)
                }
            case .intent(let intent): turn.changeSubject(to: intent)
            case .unclear: turn.reprompt(catalog.responses.yesNoReprompt)
            }
        case .followUp(let id):
            guard let followUp = catalog.followUp(id) else {
                handleFresh(decision, offTopic: offTopic, turn: &turn)  // the catalog changed under the chat
                return
            }
            let owner = catalog.owner(ofFollowUp: id)?.id
            switch answers.read(compact: compact, decision: decision, subject: owner, question: followUp.question) {
            case .yes: turn.follow(followUp, answer: .yes)
            case .no: turn.follow(followUp, answer: .no)
            case .intent(let intent): turn.changeSubject(to: intent)
            case .unclear: turn.reprompt(catalog.responses.yesNoReprompt)
            }
        case .choice(let options, _):
            if let number = ChoiceNumber.parse(text), options.indices.contains(number - 1) {
                turn.answer(options[number - 1])
                return
            }
            switch decision {
            case .intent(let intent) where intent != "affirm" && intent != "deny":
                turn.changeSubject(to: intent)
            case .intent, .ambiguous:
                turn.reprompt(catalog.responses.choiceReprompt)
            case .outOfScope:
                turn.answer(offTopic)
            }
        }
    }
}
