public import BotConfig

/// One intent as written in `Intents/<id>.yaml`.
public struct IntentDefinition: Sendable, Equatable {
    /// The stable id used in logs, evaluation and operator tools.
    public var id: String
    /// A short Chinese title, shown in menus.
    public var title: String
    public var category: IntentCategory
    /// For causes: the yes/no question the diagnosis flow asks about this cause.
    public var probe: String?
    /// For causes said with a negation (`从来没用过`): phrases that, in answer to the probe, mean yes even
    /// though they start with a "no" word.
    public var probeYesPhrases: [String]
    /// For causes: the answer when the user is not sure (`不知道`) about the probe: how to find out. The diagnosis
    /// then goes on to the next cause.
    public var probeUnsure: String?
    /// For causes: words that name the cause. Said negated in the message that starts the diagnosis
    /// (`我没逾期，花呗怎么冻了`), they rule the cause out, and the diagnosis does not ask about it.
    public var ruleOutWords: [String]
    /// Training examples, in file order, each with its line.
    public var examples: [Example]
    /// What the bot answers when it recognises this intent.
    public var reply: String
    /// Questions asked one at a time after the reply.
    public var followUps: [FollowUp]
    /// For the overview intent: the order of causes to probe and the reply when none applies.
    public var diagnosis: Diagnosis?
    /// For causes: answers to questions about this cause while it is being discussed (`how_long` …), in file
    /// order; a kind not answered here gets `topic_fallback`.
    public var topicAnswers: [TopicAnswer]
    /// Where the intent is defined.
    public var location: SourceLocation

    /// The answer to one kind of question about a cause.
    public struct TopicAnswer: Sendable, Equatable {
        /// The question kind, a key of `topic_questions` in `_responses.yaml`.
        public var kind: String
        public var reply: String
        public var line: Int?
    }

    /// The answer to the question kind `kind`, if this intent has one.
    public func topicAnswer(_ kind: String) -> TopicAnswer? {
        topicAnswers.first { $0.kind == kind }
    }

    /// A training example and its line.
    public struct Example: Sendable, Equatable {
        public var text: String
        public var line: Int?
    }

    public init(
        id: String, title: String, category: IntentCategory, probe: String? = nil, probeYesPhrases: [String] = [], probeUnsure: String? = nil,
        ruleOutWords: [String] = [], examples: [Example], reply: String, followUps: [FollowUp] = [], diagnosis: Diagnosis? = nil, topicAnswers: [TopicAnswer] = [],
        location: SourceLocation
    ) {
        self.id = id
        self.title = title
        self.category = category
        self.probe = probe
        self.probeYesPhrases = probeYesPhrases
        self.probeUnsure = probeUnsure
        self.ruleOutWords = ruleOutWords
        self.examples = examples
        self.reply = reply
        self.followUps = followUps
        self.diagnosis = diagnosis
        self.topicAnswers = topicAnswers
        self.location = location
    }
}

/// A yes/no question asked after an intent's reply, and where each answer leads.
public struct FollowUp: Sendable, Equatable {
    /// Unique across the catalog; the reply key when the question is asked.
    public var id: String
    public var question: String
    public var affirm: Branch
    public var deny: Branch
    /// The line where the question is defined.
    public var line: Int?

    /// What happens after one answer: an optional reply, then an optional jump.
    public struct Branch: Sendable, Equatable {
        public var reply: String?
        /// Another follow-up's id, an intent id, or `diagnose` (resume the diagnosis flow).
        public var target: String?
    }

    public func branch(_ answer: YesNo) -> Branch {
        answer == .yes ? affirm : deny
    }
}

/// A yes or no answer.
public enum YesNo: String, Sendable, Codable {
    case yes = "affirm"
    case no = "deny"
}

/// The diagnosis flow of the overview intent.
public struct Diagnosis: Sendable, Equatable {
    /// Cause intents, in the order they are probed.
    public var causes: [String]
    /// Given when the user answered no to every probe.
    public var noCauseReply: String
    /// Given instead when every probe was answered but some only with "not sure"; nil: ``noCauseReply``.
    public var unsureReply: String?
}
