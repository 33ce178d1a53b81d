extension BotConfiguration {
    /// Every key the configuration file and the environment may set.
    public static let keys: [ConfigurationKey] = [
        .number(
            "classifier.confidence_threshold", "below this confidence a message counts as not understood",
            in: 0...1, \.classifier.confidenceThreshold
        ),
        .number(
            "classifier.ambiguity_margin", "top two intents closer than this: ask which one is meant",
            in: 0...1, \.classifier.ambiguityMargin
        ),
        .number(
            "classifier.temperature", "softmax temperature for calibrated confidences",
            in: 0.05...20, \.classifier.temperature
        ),
        .integer(
            "dialogue.idle_timeout_minutes", "forget a chat's state after this many idle minutes",
            in: 1...(60 * 24 * 30), \.dialogue.idleTimeoutMinutes
        ),
        .choice(
            "logging.level", "process log level",
            among: ["trace", "debug", "info", "notice", "warning", "error", "critical"], \.logging.level
        ),
    ]
}
