public import BotConfig
import Classifier
import Foundation
import Yams

/// Reads and validates `Intents/`: every intent file, `_responses.yaml` and `_lexicon.yaml`.
///
/// It collects every problem it finds, each as `file:line: message`, rather than stopping at the first,
/// so an operator can fix a whole edit in one pass. A catalog with any error is refused.
public struct IntentCatalogLoader: Sendable {
    /// The folder used when none is given.
    public static let defaultDirectory = "Intents"
    static let responsesFile = "_responses.yaml"
    static let lexiconFile = "_lexicon.yaml"

    public var directory: String

    public init(directory: String = IntentCatalogLoader.defaultDirectory) {
        self.directory = directory
    }

    /// Loads and validates the whole folder.
    public func load() throws(DataFileErrors) -> IntentCatalog {
        var problems: [DataFileError] = []
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            throw DataFileErrors([DataFileError(SourceLocation(file: directory), "cannot read the intents folder: no such directory")])
        }
        var intents: [IntentDefinition] = []
        for name in names where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            guard !name.hasPrefix("_") else { continue }
            let path = (directory as NSString).appendingPathComponent(name)
            var reader = IntentFileReader(path: path)
            if let intent = reader.read() { intents.append(intent) }
            problems += reader.problems
        }
        var responses: ResponseTexts?
        var lexicon: DialogueLexicon?
        do {
            var reader = try SharedFileReader(path: (directory as NSString).appendingPathComponent(Self.responsesFile))
            responses = reader.readResponses()
            problems += reader.problems
        } catch {
            problems.append(error)
        }
        do {
            var reader = try SharedFileReader(path: (directory as NSString).appendingPathComponent(Self.lexiconFile))
            lexicon = reader.readLexicon()
            problems += reader.problems
        } catch {
            problems.append(error)
        }
        if intents.isEmpty, problems.isEmpty {
            problems.append(DataFileError(SourceLocation(file: directory), "no intent files (*.yaml) found"))
        }
        guard let responses, let lexicon else { throw DataFileErrors(problems) }
        // Cross-file checks run on whatever loaded, so one pass reports everything.
        let catalog = IntentCatalog(intents: intents, responses: responses, lexicon: lexicon)
        problems += CatalogValidator(catalog: catalog, responsesPath: (directory as NSString).appendingPathComponent(Self.responsesFile)).validate()
        guard problems.isEmpty else { throw DataFileErrors(problems) }
        return catalog
    }
}
