/// Reusable buffers for classifying many messages on one thread without allocating per message, and what the
/// last ``IntentClassifier/classify(_:into:)`` found.
///
/// One instance per thread: pass it to every call. The answers are the same, to the bit, as those of
/// ``IntentClassifier/classify(_:)``, which uses this path itself.
public struct ClassificationBuffers: Sendable {
    var hashes: [UInt64] = []
    /// A bit and a count per vocabulary feature, all zero between messages (`SparseVector.build`).
    var present: [UInt64] = []
    var counts: [UInt16] = []
    /// False for a single message: the dense count arrays would cost more to allocate than sorting saves.
    var countsDensely = true
    var indices: [Int32] = []
    var values: [Float] = []
    var scores: [Float] = []

    /// Each intent's confidence, in the order of ``IntentClassifier/intents``.
    public internal(set) var confidences: [Double] = []
    /// Indices into ``IntentClassifier/intents``, most likely first; equal confidences in name order.
    public internal(set) var ranking: [Int] = []
    /// True when nothing classifiable was left after normalisation.
    public internal(set) var isEmpty = false
    /// The most likely topic inside the best intent, as ``Classification/topic`` gives it.
    public internal(set) var topic: String?

    public init() {}

    init(countsDensely: Bool) {
        self.countsDensely = countsDensely
    }

    /// The best intent's index into ``IntentClassifier/intents``.
    public var best: Int { ranking[0] }
    /// The runner-up's index, when there is more than one intent.
    public var runnerUp: Int? { ranking.count > 1 ? ranking[1] : nil }
}
