import ArgumentParser
import BotConfig

/// `huabei-bot config check|keys`.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Validate the configuration or list its keys.",
        subcommands: [Check.self, Keys.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate the configuration file and environment; errors as file:line: message.")
        @OptionGroup var options: CatalogOptions

        func run() throws {
            let configuration = try options.loadConfiguration()
            print("ok: \(options.config ?? ConfigurationLoader.defaultPath)")
            print("classifier: confidence_threshold \(configuration.classifier.confidenceThreshold), ambiguity_margin \(configuration.classifier.ambiguityMargin), temperature \(configuration.classifier.temperature)")
            print("dialogue: idle_timeout_minutes \(configuration.dialogue.idleTimeoutMinutes); logging: level \(configuration.logging.level)")
        }
    }

    struct Keys: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every key with its environment variable and meaning.")

        func run() {
            for key in BotConfiguration.keys {
                print("\(key.path)  (\(key.environmentVariable))\n    \(key.summary)")
            }
        }
    }
}
