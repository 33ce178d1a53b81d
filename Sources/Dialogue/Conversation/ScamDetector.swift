public import Classifier

/// The learned half of the scam warning: a two-class model (`scam` against `ordinary`) with the intent classifier's own
/// featuriser (character and pinyin n-grams, TF-IDF, logistic regression), trained at start-up on the lexicon's
/// `scam_detector` offers against its ordinary messages and every intent example. It catches offers in words the
/// `scam_cues` and `scam_offers` lists do not hold; the warning is given when the lists **or** the detector find an offer.
public struct ScamDetector: Sendable {
    /// The class of offers; the other one is ``ordinaryLabel``.
    public static let scamLabel = "scam"
    public static let ordinaryLabel = "ordinary"

    public let model: IntentClassifier
    /// Warn at a probability of ``scamLabel`` at least this.
    public let threshold: Double

    /// How the detector trains: the intent classifier's featuriser and class balance (0.25), and 4 passes averaged over
    /// the last 2 (two classes learn fast). Chosen with `huabei-bot intents scam` (5-fold cross-validation over the
    /// lexicon's block, warnings on the real users' questions): class balance 0.5 or 1 caught a few more offers but
    /// warned 2 to 4 times as many real users' questions at every threshold; 8 or 14 passes were no better and slower;
    /// without pinyin augmentation, training was 40% faster but real users' questions were warned three times as often.
    public static func options(from base: ClassifierOptions = ClassifierOptions()) -> ClassifierOptions {
        var options = base
        options.epochs = 4
        options.averagedEpochs = 2
        options.classBalance = 0.25
        options.temperature = 1
        return options
    }

    /// Trains on `offers` against `ordinary`; nil when there are no offers (the lists alone warn).
    public init?(
        offers: [String], ordinary: [String], threshold: Double, normalizer: TextNormalizer,
        options: ClassifierOptions = ScamDetector.options()
    ) {
        guard !offers.isEmpty, !ordinary.isEmpty else { return nil }
        let examples = offers.map { TrainingExample(intent: Self.scamLabel, text: $0) }
            + ordinary.map { TrainingExample(intent: Self.ordinaryLabel, text: $0) }
        guard let model = try? IntentClassifier(examples: examples, normalizer: normalizer, options: options) else { return nil }
        self.model = model
        self.threshold = threshold
    }

    /// The detector of a catalog: the lexicon's `scam_detector` offers against its ordinary messages and every intent
    /// example (nil when the lexicon has no offers).
    public init?(catalog: IntentCatalog, normalizer: TextNormalizer, options: ClassifierOptions = ScamDetector.options()) {
        let block = catalog.lexicon.scamDetector
        let ordinary = block.ordinary + catalog.trainingExamples.map(\.text)
        self.init(offers: block.offers, ordinary: ordinary, threshold: block.threshold, normalizer: normalizer, options: options)
    }

    /// The probability that a message (normalised with the intent classifier's normaliser) is a scam offer.
    public func probability(_ normalized: NormalizedText) -> Double {
        model.probability(of: Self.scamLabel, normalized)
    }

    /// The probability from the n-gram hashes the intent classifier extracted (`classify(_:hashes:)`), when its
    /// featuriser is this model's (`sharesFeatures(with:)`): no second extraction.
    public func probability(hashes: [UInt64]) -> Double {
        model.probability(of: Self.scamLabel, hashes: hashes)
    }

    /// Whether the message gets the warning; `hashes`, when given, are the message's n-grams from a model that
    /// shares this one's featuriser.
    public func isOffer(_ normalized: NormalizedText, hashes: [UInt64]? = nil) -> Bool {
        guard !normalized.isEmpty else { return false }
        return (hashes.map(probability(hashes:)) ?? probability(normalized)) >= threshold
    }
}
