/// How the classifier featurises and trains. The defaults were chosen by cross-validation on Intents/ and on the
/// real users' choose part (`huabei-bot eval`), never on the held-out set or the real users' confirm part.
public struct ClassifierOptions: Sendable, Equatable {
    /// Character n-gram lengths (1...2: on the real users' choose part, by the mean over 9 training orders, macro-F1
    /// 0.773 → 0.784 and the mean F1 of its four frequent intents 0.864 → 0.868 against 1...3; cross-validation over
    /// Intents/ 91.5% → 91.8% over 8 fold splits; and about a third fewer features to train and score).
    public var characterOrders: ClosedRange<Int>
    /// Pinyin-syllable n-gram lengths.
    public var pinyinOrders: ClosedRange<Int>
    /// Passes of stochastic gradient descent over the examples (14: as good as 20 on the real users' choose part, by the
    /// mean over 9 training orders, with 30% less training time, which matters most in debug builds, where the daemon
    /// tests train at every start).
    public var epochs: Int
    /// The initial step size; it decays as 1 / (1 + t / examples).
    public var learningRate: Float
    /// L2 penalty on the weights (1e-4, with class balance 0.25: higher macro-F1 and accuracy on the real users' choose
    /// part than 1e-5 with 0.5, by the mean over 9 training orders).
    public var l2: Float
    /// The model is the average of the weights at the end of each of the last this many epochs, not the last epoch's
    /// alone, which depends most on the order of the examples just before it. 0 or 1: the last epoch's weights.
    public var averagedEpochs: Int
    /// 0 weighs every example alike; 1 weighs classes inversely to their size; in between, a power of it (0.25: with
    /// L2 1e-4, 0.5 loses in-scope accuracy on the real users' choose part).
    public var classBalance: Float
    /// Also train on a pinyin-only view of each example, so messages typed in pinyin are learned directly.
    public var pinyinAugmentation: Bool
    /// Softmax temperature applied at prediction time (calibration; 1 leaves scores as trained).
    public var temperature: Float
    /// Seeds the shuffling, so the same examples always give the same model.
    public var seed: UInt64

    public init(
        characterOrders: ClosedRange<Int> = 1...2,
        pinyinOrders: ClosedRange<Int> = 1...2,
        epochs: Int = 14,
        learningRate: Float = 5,
        l2: Float = 1e-4,
        averagedEpochs: Int = 7,
        classBalance: Float = 0.25,
        pinyinAugmentation: Bool = true,
        temperature: Float = 1,
        seed: UInt64 = 2_024
    ) {
        self.characterOrders = characterOrders
        self.pinyinOrders = pinyinOrders
        self.epochs = epochs
        self.learningRate = learningRate
        self.l2 = l2
        self.averagedEpochs = averagedEpochs
        self.classBalance = classBalance
        self.pinyinAugmentation = pinyinAugmentation
        self.temperature = temperature
        self.seed = seed
    }
}
