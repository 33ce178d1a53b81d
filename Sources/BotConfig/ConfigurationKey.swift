/// One settable key: its dotted path in the YAML file, its documentation, and how to apply a value.
public struct ConfigurationKey: Sendable {
    /// The dotted path, e.g. `classifier.confidence_threshold`.
    public let path: String
    /// One line for `config check` and the docs.
    public let summary: String
    /// Applies a value given as text (a YAML scalar or an environment variable); throws a message.
    let apply: @Sendable (inout BotConfiguration, String) throws(ConfigurationValueError) -> Void
    /// The key's current value in a configuration, as text.
    let read: @Sendable (BotConfiguration) -> String

    init(
        path: String, summary: String, read: @escaping @Sendable (BotConfiguration) -> String,
        apply: @escaping @Sendable (inout BotConfiguration, String) throws(ConfigurationValueError) -> Void
    ) {
        self.path = path
        self.summary = summary
        self.read = read
        self.apply = apply
    }

    /// The key's value in `configuration`, as it would be written in the file.
    public func value(in configuration: BotConfiguration) -> String {
        read(configuration)
    }

    /// The environment variable that overrides this key.
    public var environmentVariable: String {
        "HUABEI_" + path.uppercased().replacingOccurrences(of: ".", with: "_")
    }

    static func number(
        _ path: String, _ summary: String, in range: ClosedRange<Double>,
        _ keyPath: any WritableKeyPath<BotConfiguration, Double> & Sendable
    ) -> ConfigurationKey {
        ConfigurationKey(path: path, summary: summary, read: { "\($0[keyPath: keyPath])" }) { configuration, text throws(ConfigurationValueError) in
            guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
                throw ConfigurationValueError("expected a number, got '\(text)'")
            }
            guard range.contains(value) else {
                throw ConfigurationValueError("\(value) is out of range: expected \(range.lowerBound) to \(range.upperBound)")
            }
            configuration[keyPath: keyPath] = value
        }
    }

    static func integer(
        _ path: String, _ summary: String, in range: ClosedRange<Int>,
        _ keyPath: any WritableKeyPath<BotConfiguration, Int> & Sendable
    ) -> ConfigurationKey {
        ConfigurationKey(path: path, summary: summary, read: { "\($0[keyPath: keyPath])" }) { configuration, text throws(ConfigurationValueError) in
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw ConfigurationValueError("expected a whole number, got '\(text)'")
            }
            guard range.contains(value) else {
                throw ConfigurationValueError("\(value) is out of range: expected \(range.lowerBound) to \(range.upperBound)")
            }
            configuration[keyPath: keyPath] = value
        }
    }

    static func choice(
        _ path: String, _ summary: String, among choices: [String],
        _ keyPath: any WritableKeyPath<BotConfiguration, String> & Sendable
    ) -> ConfigurationKey {
        ConfigurationKey(path: path, summary: summary, read: { "\($0[keyPath: keyPath])" }) { configuration, text throws(ConfigurationValueError) in
            let value = text.trimmingCharacters(in: .whitespaces).lowercased()
            guard choices.contains(value) else {
                throw ConfigurationValueError("'\(text)' is not one of: \(choices.joined(separator: ", "))")
            }
            configuration[keyPath: keyPath] = value
        }
    }
}

/// Why a value was refused; the loader adds the file and line or the environment variable.
public struct ConfigurationValueError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

#if canImport(Foundation)
import Foundation
#endif
