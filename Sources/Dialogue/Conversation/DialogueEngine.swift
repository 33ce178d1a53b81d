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
    /// Whether the scam detector reads the classifier's n-grams, so that they are extracted once per message.
    let detectorSharesFeatures: Bool
    let answers: AnswerReader
    /// Each cause's `rule_out_words`, normalised once.
    let ruleOutWords: [(cause: String, words: [NormalizedText])]
    /// Menu words and questions about the cause being discussed.
    let contextPhrases: ContextPhrases

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
        let detector = ScamDetector(catalog: catalog, normalizer: classifier.normalizer)
        self.safety = SafetyScreen(lexicon: catalog.lexicon, detector: detector)
        self.detectorSharesFeatures = detector.map { $0.model.sharesFeatures(with: classifier) } ?? false
        self.answers = AnswerReader(lexicon: catalog.lexicon, policy: policy)
        self.ruleOutWords = catalog.intents.filter { !$0.ruleOutWords.isEmpty }.map { intent in
            (intent.id, intent.ruleOutWords.map(classifier.normalizer.normalize))
        }
        self.contextPhrases = ContextPhrases(responses: catalog.responses, normalizer: classifier.normalizer)
    }

    /// The learned scam detector, nil when the lexicon has no `scam_detector` offers.
    public var scamDetector: ScamDetector? { safety.detector }

    /// Whether the word lists alone (`scam_cues`, `scam_offers`), without the learned detector, find a scam offer in `text`.
    public func scamListsMatch(_ text: String) -> Bool {
        let compact = classifier.classify(text).compactText
        // Without the normalised text the screen asks the lists alone, not the detector.
        return safety.inspect(text, compactText: compact).notices.contains(.scam)
    }

    /// Answers one message.
    public func respond(to text: String, state previous: ConversationState, at now: Date = Date()) -> DialogueTurn {
        var state = previous.isExpired(at: now, timeout: idleTimeout) ? ConversationState() : previous
        state.lastActivity = now
        state.turns += 1
        if let command = BotCommand.parse(text) {
            return respond(to: command, text: text, state: state)
        }
        let normalized = classifier.normalizer.normalize(text)
        var hashes: [UInt64] = []
        let classification = classifier.classify(normalized, hashes: &hashes)
        let decision = policy.decide(classification)
        var handling = TurnHandling.classified

        var turn = TurnComposer(catalog: catalog, state: state)
        if case .intent(let intent) = decision, intent == catalog.overview?.id {
            turn.ruledOutInMessage = ruledOutCauses(in: normalized)
        }
        let compact = classification.compactText
        let inspection = safety.inspect(text, compactText: compact, normalized: normalized, hashes: detectorSharesFeatures ? hashes : nil)
        let notices = inspection.notices
        if notices.contains(.sensitiveData) { turn.say(catalog.responses.sensitiveWarning) }
        if notices.contains(.scam) { turn.say(catalog.responses.scamWarning) }

        if classification.isEmpty {
            if notices.isEmpty { turn.say(catalog.responses.empty) }
            turn.reaskPending(key: notices.isEmpty ? "empty" : "safety")
        } else if !notices.isEmpty, case .outOfScope = decision {
            // Only a secret or a scam offer: the warning is the answer.
            turn.reaskPending(key: "safety")
        } else if contextPhrases.asksForMenu(normalized), !namesSubject(decision) {
            handling = .menuRequest
            turn.showMenu()
        } else if let topic = topicCause(of: state), let reading = contextPhrases.readTopic(normalized),
            isAbout(topic, reading: reading, decision: decision)
        {
            if reading.otherCauses {
                handling = .otherCauses(after: topic)
                turn.resumeDiagnosis(after: topic)
            } else {
                handling = .topicQuestion(cause: topic, kinds: reading.kinds)
                // `还清了，多久能恢复`: the rest of the message may answer the cause's pending question as well.
                let answer = answer(in: reading, pending: state.pending, topic: topic)
                turn.answerTopic(topic, kinds: reading.kinds, reask: answer == nil)
                if let answer { turn.follow(answer.followUp, answer: answer.yesNo) }
            }
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
            redactedText: inspection.redactedText, state: turn.state, handling: handling
        )
    }

    /// The intent logs and the REPL show for a command: the classifier is not asked.
    public static let commandIntent = "command"

    /// Answers a `/command`: `/start` greets and shows the menu, `/help` explains and shows the menu, `/reset`
    /// forgets the conversation; a command the responses file does not define gets a short note and the menu.
    private func respond(to command: BotCommand, text: String, state: ConversationState) -> DialogueTurn {
        let known = catalog.responses.command(command.name)
        var start = state
        if command.name == "reset" {
            start = ConversationState(lastActivity: state.lastActivity, turns: 1)
        }
        var turn = TurnComposer(catalog: catalog, state: start)
        turn.command(known?.name ?? "unknown", reply: known?.reply ?? catalog.responses.unknownCommand)
        let classification = Classification(
            ranking: [.init(intent: Self.commandIntent, confidence: 1)], normalizedText: "/" + command.name, isEmpty: false)
        turn.state.lastIntent = Self.commandIntent
        return DialogueTurn(
            reply: turn.reply, replyKey: turn.replyKey ?? "none", intent: Self.commandIntent, classification: classification,
            decision: .intent(Self.commandIntent), notices: [], redactedText: safety.inspect(text, compactText: "").redactedText,
            state: turn.state, handling: .command(known?.name ?? "unknown")
        )
    }

    /// A yes or no to the topic's pending follow-up question in what a topic question says besides its phrases:
    /// a leading cue (`是的，要多久`, `没有，那要多久`), or an echo of the question in what is left after the filler
    /// words too (`还清了，多久能恢复`); nil when there is none. The classifier's decision plays no part.
    private func answer(
        in reading: ContextPhrases.TopicReading, pending: PendingQuestion?, topic: String
    ) -> (followUp: FollowUp, yesNo: YesNo)? {
        guard case .followUp(let id)? = pending, let followUp = catalog.followUp(id), catalog.owner(ofFollowUp: id)?.id == topic
        else { return nil }
        var said = reading.withoutPhrases.isEmpty ? nil : answers.leadingCue(reading.withoutPhrases)?.0
        if said == nil, !reading.remainder.isEmpty {
            said = answers.read(compact: reading.remainder, decision: .outOfScope(.empty), subject: nil, question: followUp.question)
        }
        switch said {
        case .yes?: return (followUp, .yes)
        case .no?: return (followUp, .no)
        default: return nil
        }
    }

    /// Whether the classifier hears a freeze, a cause or a request for customer service: `帮助我，花呗冻结了` asks
    /// for help with a freeze, not for the menu.
    private func namesSubject(_ decision: IntentDecision) -> Bool {
        guard case .intent(let intent) = decision, let category = catalog.intent(intent)?.category else { return false }
        return [.overview, .cause, .support].contains(category)
    }

    /// The cause being discussed: the one whose follow-up question is pending, or whose answer was the last reply.
    func topicCause(of state: ConversationState) -> String? {
        if case .followUp(let id)? = state.pending, let owner = catalog.owner(ofFollowUp: id), owner.category == .cause {
            return owner.id
        }
        if let topic = state.topic, catalog.intent(topic)?.category == .cause { return topic }
        return nil
    }

    /// Most characters a topic question may have besides its phrases and filler words, whatever the classifier
    /// thinks of it (`逾期多久能恢复` asks how long, even when the classifier hears the overdue cause in it).
    static let topicSlack = 3

    /// Whether a message with topic phrases asks about `topic`: it says little else, or the classifier hears no
    /// other subject in it (`芝麻分掉了以后要等多久才能恢复花呗` is about the credit score, whatever was discussed).
    private func isAbout(_ topic: String, reading: ContextPhrases.TopicReading, decision: IntentDecision) -> Bool {
        if reading.rest <= Self.topicSlack { return true }
        switch decision {
        case .intent(let intent):
            guard intent != topic, let category = catalog.intent(intent)?.category else { return true }
            return [.answer, .smalltalk, .fallback].contains(category)
        case .ambiguous(let first, let second):
            return first == topic || second == topic
        case .outOfScope:
            return true
        }
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
                    turn.record(cause, in: \.ruledOut)
                    turn.answer(other, confirmed: true)
                } else {
                    turn.ruleOut(cause)
                }
            case .unsure: turn.setAside(cause)
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
            // Not knowing (`欠款还清了吗？` `不清楚`) gets the "no" branch: its advice is the safe one.
            case .no, .unsure: turn.follow(followUp, answer: .no)
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
