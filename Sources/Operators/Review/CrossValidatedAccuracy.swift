public import BotConfig
public import Classifier
public import Dialogue

/// Cross-validated accuracy of the intents in a folder, as `huabei-bot eval` measures it: shown before
/// and after a review, so the operator sees what the new examples did.
public enum CrossValidatedAccuracy {
    /// Stratified `folds`-fold cross-validation over the catalog's examples, with the configuration's
    /// thresholds and temperature.
    public static func measure(
        catalog: IntentCatalog, configuration: BotConfiguration, folds: Int = 5
    ) throws(ClassifierError) -> EvaluationReport {
        let engine = try DialogueEngine(catalog: catalog, configuration: configuration)
        let evaluator = Evaluator(normalizer: engine.classifier.normalizer, options: engine.classifier.options, policy: engine.policy)
        return try evaluator.crossValidate(catalog.trainingExamples, folds: folds)
    }
}
