import BotConfig
@testable import Dialogue

/// An intent file, `_responses.yaml` and `_lexicon.yaml` as the catalog loader reads them (invalid UTF-8 is refused
/// before parsing, as `YAMLFile(path:)` does).
enum IntentFileFuzzer {
    static func run(_ bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self),
            let file = try? YAMLFile(path: "Intents/fuzzed_intent.yaml", text: text)
        else { return }
        var intent = IntentFileReader(path: file.path)
        _ = intent.read(file)
        _ = intent.problems.map(\.description)
        var responses = SharedFileReader(file: file)
        _ = responses.readResponses()
        var lexicon = SharedFileReader(file: file)
        _ = lexicon.readLexicon()
        _ = lexicon.problems.map(\.description)
    }
}
