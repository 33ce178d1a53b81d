public import Classifier

/// Word lists from `Intents/_lexicon.yaml`: the normaliser's rewrites and the dialogue's cue words.
public struct DialogueLexicon: Sendable, Equatable {
    /// Typo, homophone and synonym rewrites for the normaliser.
    public var normalization: NormalizationLexicon
    /// Words that open a "yes" answer.
    public var affirmCues: [String]
    /// Words that open a "no" answer.
    public var denyCues: [String]
    /// Words that open an "I don't know" answer (`不知道`, `不清楚`): neither yes nor no.
    public var unsureCues: [String]
    /// Words announcing a password.
    public var passwordCues: [String]
    /// Words announcing a verification code.
    public var verificationCodeCues: [String]
    /// Paid unfreezing services, cash-out agents and the like.
    public var scamCues: [String]
    /// Words of an offer: a middleman, an agent, a fee (`代办`, `中介`, `收费`, `加微信`). With a word of
    /// ``scamTargets`` in the same message, however it is worded, the message gets the scam warning.
    public var scamOffers: [String]
    /// What such offers promise: unfreezing, a higher limit, cash out (`解冻`, `提额`, `套现`).
    public var scamTargets: [String]
    /// What the scam detector learns from (`scam_detector` in the lexicon): offers in many wordings, hard ordinary
    /// messages, and the probability above which a message is warned. Empty offers: no detector, the lists alone.
    public var scamDetector: ScamDetectorExamples

    public init(
        normalization: NormalizationLexicon = .empty, affirmCues: [String] = [], denyCues: [String] = [],
        unsureCues: [String] = [], passwordCues: [String] = [], verificationCodeCues: [String] = [], scamCues: [String] = [],
        scamOffers: [String] = [], scamTargets: [String] = [], scamDetector: ScamDetectorExamples = ScamDetectorExamples()
    ) {
        self.normalization = normalization
        self.affirmCues = affirmCues
        self.denyCues = denyCues
        self.unsureCues = unsureCues
        self.passwordCues = passwordCues
        self.verificationCodeCues = verificationCodeCues
        self.scamCues = scamCues
        self.scamOffers = scamOffers
        self.scamTargets = scamTargets
        self.scamDetector = scamDetector
    }
}

/// The `scam_detector` block of `_lexicon.yaml`: the examples the learned scam detector trains on, besides every intent
/// example as an ordinary message, and its threshold.
public struct ScamDetectorExamples: Sendable, Equatable {
    /// Scam offers: unfreezing, limits, cash out, erasing records for a fee or through a middleman, fake customer service.
    public var offers: [String]
    /// Ordinary messages close to offers (fees, limits, customer service, a user asking whether an offer is a scam).
    public var ordinary: [String]
    /// A message is warned when the detector's probability of `scam` is at least this.
    public var threshold: Double

    public init(offers: [String] = [], ordinary: [String] = [], threshold: Double = 0.5) {
        self.offers = offers
        self.ordinary = ordinary
        self.threshold = threshold
    }
}
