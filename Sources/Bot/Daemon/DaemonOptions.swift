public import BotConfig
import Classifier
import Dialogue
public import Foundation

/// What the command line tells the daemon: where the intents and the configuration are, and the flags that
/// override the configuration file. The daemon reads the files itself, at start and again on SIGHUP.
public struct DaemonOptions: Sendable {
    /// The configuration file; nil for `Config/huabei-bot.yaml` when it exists, else the defaults.
    public var configurationPath: String?
    /// The intents folder.
    public var intentsDirectory: String
    /// `--channel`: overrides `channel.kind`.
    public var channel: String?
    /// `--base-url`: overrides `channel.base_url`.
    public var baseURL: String?
    /// `--data`: overrides `daemon.data_directory`.
    public var dataDirectory: String?
    /// `--token-file`: overrides `channel.token_file`.
    public var tokenFile: String?
    /// `--drop-pending`: drop the updates waiting on the server and the unsent replies at start.
    public var dropPending: Bool
    /// The process environment: configuration overrides and the token.
    public var environment: [String: String]

    /// Creates options; every argument has a default.
    public init(
        configurationPath: String? = nil, intentsDirectory: String = "Intents",
        channel: String? = nil, baseURL: String? = nil, dataDirectory: String? = nil, tokenFile: String? = nil,
        dropPending: Bool = false, environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.configurationPath = configurationPath
        self.intentsDirectory = intentsDirectory
        self.channel = channel
        self.baseURL = baseURL
        self.dataDirectory = dataDirectory
        self.tokenFile = tokenFile
        self.dropPending = dropPending
        self.environment = environment
    }

    /// The configuration: defaults, the file, the environment, then these flags.
    public func loadConfiguration() throws(DaemonError) -> BotConfiguration {
        var configuration: BotConfiguration
        do {
            configuration = try ConfigurationLoader(environment: environment).load(path: configurationPath)
        } catch {
            throw .configuration(Self.describe(error, what: "configuration"))
        }
        if let channel {
            guard ChannelChoice.allowed.contains(channel) else {
                throw .configuration("--channel must be local, telegram or matrix, not '\(channel)'")
            }
            configuration.channel.kind = channel
        }
        if let baseURL { configuration.channel.baseURL = baseURL }
        if let dataDirectory { configuration.daemon.dataDirectory = dataDirectory }
        if let tokenFile { configuration.channel.tokenFile = tokenFile }
        return configuration
    }

    /// The intents and a dialogue engine trained on them with `configuration`.
    func loadBrain(configuration: BotConfiguration) throws(DaemonError) -> Brain {
        let catalog: IntentCatalog
        do {
            catalog = try IntentCatalogLoader(directory: intentsDirectory).load()
        } catch {
            throw .configuration(Self.describe(error, what: "intents"))
        }
        do {
            return Brain(engine: try DialogueEngine(catalog: catalog, configuration: configuration), configuration: configuration)
        } catch {
            throw .configuration("cannot train the classifier: \(error)")
        }
    }

    static func describe(_ errors: DataFileErrors, what: String) -> String {
        let count = errors.errors.count
        return errors.description + "\n\(count) error\(count == 1 ? "" : "s") in the \(what)"
    }
}

/// The values `--channel` and `channel.kind` accept.
enum ChannelChoice {
    static let allowed = ["local", "telegram", "matrix"]
}
