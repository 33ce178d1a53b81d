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
            print("ok: \(options.config ?? ConfigurationLoader.defaultPath) and the environment; effective values:")
            for key in BotConfiguration.keys {
                print("  \(key.path): \(key.value(in: configuration))")
            }
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
