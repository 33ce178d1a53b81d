public import Classifier

/// Word lists from `Intents/_lexicon.yaml`: the normaliser's rewrites and the dialogue's cue words.
public struct DialogueLexicon: Sendable, Equatable {
    /// Typo, homophone and synonym rewrites for the normaliser.
    public var normalization: NormalizationLexicon
    /// Words that open a "yes" answer.
    public var affirmCues: [String]
    /// Words that open a "no" answer.
    public var denyCues: [String]
    /// Words announcing a password.
    public var passwordCues: [String]
    /// Words announcing a verification code.
    public var verificationCodeCues: [String]
    /// Paid unfreezing services, cash-out agents and the like.
    public var scamCues: [String]

    public init(
        normalization: NormalizationLexicon = .empty, affirmCues: [String] = [], denyCues: [String] = [],
        passwordCues: [String] = [], verificationCodeCues: [String] = [], scamCues: [String] = []
    ) {
        self.normalization = normalization
        self.affirmCues = affirmCues
        self.denyCues = denyCues
        self.passwordCues = passwordCues
        self.verificationCodeCues = verificationCodeCues
        self.scamCues = scamCues
    }
}
