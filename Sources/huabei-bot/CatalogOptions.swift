import ArgumentParser
import BotConfig
import Classifier
import Dialogue
import Foundation

/// Options every command shares: where the intents and the configuration are.
struct CatalogOptions: ParsableArguments {
    @Option(name: .long, help: "The intents folder (default: ./Intents, else the installed PREFIX/share/huabei-bot/Intents).")
    var intents: String = CatalogOptions.defaultIntentsDirectory()

    @Option(name: .long, help: "The configuration file (default: Config/huabei-bot.yaml when it exists).")
    var config: String?

    /// `Intents` in the working directory (a checkout) when it exists, else the folder `make install` puts next to
    /// the program (`BINDIR/../share/huabei-bot/Intents`) when that exists, else `Intents` (whose absence is reported).
    static func defaultIntentsDirectory() -> String {
        let local = IntentCatalogLoader.defaultDirectory
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: local, isDirectory: &isDirectory), isDirectory.boolValue { return local }
        guard let executable = SiblingExecutable.runningExecutable() else { return local }
        let installed = URL(fileURLWithPath: executable).deletingLastPathComponent()
            .appendingPathComponent("../share/huabei-bot/Intents").standardized.path
        return FileManager.default.fileExists(atPath: installed) ? installed : local
    }

    /// The configuration, or exit with its errors.
    func loadConfiguration() throws -> BotConfiguration {
        do {
            return try ConfigurationLoader().load(path: config)
        } catch {
            throw DataFilesRejected(errors: error, what: "configuration")
        }
    }

    /// The validated catalog, or exit with every error as `file:line: message`.
    func loadCatalog() throws -> IntentCatalog {
        do {
            return try IntentCatalogLoader(directory: intents).load()
        } catch {
            throw DataFilesRejected(errors: error, what: "intents")
        }
    }

    /// Catalog, configuration and a trained engine.
    func loadEngine() throws -> DialogueEngine {
        let configuration = try loadConfiguration()
        let catalog = try loadCatalog()
        do {
            return try DialogueEngine(catalog: catalog, configuration: configuration)
        } catch {
            throw ValidationError("cannot train the classifier: \(error)")
        }
    }
}

/// Data file errors, printed one per line, then a non-zero exit.
struct DataFilesRejected: Error, CustomStringConvertible {
    var errors: DataFileErrors
    var what: String

    var description: String {
        let count = errors.errors.count
        return errors.description + "\n\(count) error\(count == 1 ? "" : "s") in the \(what); nothing was started."
    }
}
