import Classifier
import Dialogue
import Foundation

/// A message's text as the dialogue reads it: the normaliser, the classifier trained on the repository's Intents/,
/// and the personal-data redactor with the lexicon's cue words. Bytes that are not UTF-8 are repaired, as the
/// channels' decoders do.
enum TextFuzzer {
    /// Intents/ of the checkout this file is in, or `HUABEI_INTENTS`.
    static let engine: DialogueEngine = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let directory = ProcessInfo.processInfo.environment["HUABEI_INTENTS"] ?? root.appendingPathComponent("Intents").path
        do {
            return try DialogueEngine(catalog: IntentCatalogLoader(directory: directory).load())
        } catch {
            fatalError("cannot load \(directory): \(error)")
        }
    }()
    static let redactor = PersonalDataRedactor(
        passwordCues: engine.catalog.lexicon.passwordCues, verificationCodeCues: engine.catalog.lexicon.verificationCodeCues)

    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let normalized = engine.classifier.normalizer.normalize(text)
        let classification = engine.classifier.classify(normalized)
        _ = engine.policy.decide(classification)
        let redacted = redactor.redact(text)
        _ = redacted.kinds.count
    }
}
