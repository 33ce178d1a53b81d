@testable import BotConfig

/// The configuration file as the loader reads it, and the input as the value of every key (what an environment
/// variable sets).
enum ConfigurationFuzzer {
    static let loader = ConfigurationLoader(environment: [:])

    static func run(_ bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        if let file = try? YAMLFile(path: "Config/huabei-bot.yaml", text: text) {
            var configuration = BotConfiguration()
            _ = loader.apply(file, to: &configuration).map(\.description)
        }
        guard bytes.count <= 256 else { return }
        for key in BotConfiguration.keys {
            var configuration = BotConfiguration()
            try? key.apply(&configuration, text)
        }
    }
}
