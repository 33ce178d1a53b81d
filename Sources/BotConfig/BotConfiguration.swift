/// Every setting of the bot, with the defaults it runs on when `Config/huabei-bot.yaml` is absent.
///
/// Read it with `ConfigurationLoader`; every key can also be set by an environment variable
/// (`classifier.confidence_threshold` ← `HUABEI_CLASSIFIER_CONFIDENCE_THRESHOLD`).
public struct BotConfiguration: Sendable, Equatable {
    /// How the classifier's ranking becomes a decision.
    public struct Classifier: Sendable, Equatable {
        /// Below this confidence the best intent is not trusted and the bot says it did not understand.
        public var confidenceThreshold: Double = 0.45
        /// When the top two intents are closer than this, the bot asks which one the user means.
        public var ambiguityMargin: Double = 0.12
        /// Softmax temperature; `huabei-bot eval` reports the value that calibrates confidences best.
        public var temperature: Double = 1.0
        public init() {}
    }

    /// Conversation behaviour.
    public struct Dialogue: Sendable, Equatable {
        /// A chat's state is forgotten after this many idle minutes.
        public var idleTimeoutMinutes: Int = 60
        public init() {}
    }

    /// Process logs (turn logs are separate).
    public struct Logging: Sendable, Equatable {
        /// One of trace, debug, info, notice, warning, error, critical.
        public var level: String = "info"
        public init() {}
    }

    public var classifier = Classifier()
    public var dialogue = Dialogue()
    public var logging = Logging()

    public init() {}
}
