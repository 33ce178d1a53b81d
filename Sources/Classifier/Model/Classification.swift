/// What the classifier made of one message.
public struct Classification: Sendable, Equatable {
    /// One intent's share of the confidence.
    public struct Score: Sendable, Equatable, Codable {
        public var intent: String
        public var confidence: Double

        public init(intent: String, confidence: Double) {
            self.intent = intent
            self.confidence = confidence
        }
    }

    /// Every intent, most likely first; the confidences sum to 1.
    public var ranking: [Score]
    /// The message as the classifier saw it after normalisation.
    public var normalizedText: String
    /// True when nothing classifiable was left after normalisation (empty, emoji or punctuation only).
    public var isEmpty: Bool
    /// The most likely topic inside the best intent, when that intent is learnt as topics (out_of_scope: `jiebei`,
    /// `repayment` …); nil when the intent's general class wins or it has no topics.
    public var topic: String?

    /// The most likely intent.
    public var best: Score { ranking[0] }
    /// The second most likely intent, if there is more than one.
    public var runnerUp: Score? { ranking.count > 1 ? ranking[1] : nil }

    /// ``normalizedText`` without its boundaries and spaces (`代 | 解冻` → `代解冻`): for finding cue words that
    /// punctuation or spacing split in the message.
    public var compactText: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(normalizedText.utf8.count)
        // A boundary is written ` | ` and a literal `|` in a message is itself a boundary, so dropping every `|`
        // and space byte drops exactly the boundaries and the spaces between Latin words.
        for byte in normalizedText.utf8 where byte != UInt8(ascii: "|") && byte != UInt8(ascii: " ") {
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public init(ranking: [Score], normalizedText: String, isEmpty: Bool) {
        precondition(!ranking.isEmpty, "a classification ranks at least one intent")
        self.ranking = ranking
        self.normalizedText = normalizedText
        self.isEmpty = isEmpty
    }
}

/// One n-gram's part in a decision: its weight towards an intent in this message.
public struct FeatureContribution: Sendable, Equatable, Codable {
    /// The n-gram: characters as typed after normalisation, pinyin in brackets, `^`/`$` for start and end.
    public var ngram: String
    /// Its TF-IDF value times its weight for the intent; positive pushes towards the intent.
    public var weight: Double

    public init(ngram: String, weight: Double) {
        self.ngram = ngram
        self.weight = weight
    }
}
