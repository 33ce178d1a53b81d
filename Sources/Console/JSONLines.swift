import Foundation

/// Encodes one value per line, UTF-8, keys in a stable order, Chinese left readable.
public struct JSONLines: Sendable {
    public init() {}

    /// The JSON text of `value`, without a trailing newline.
    public func line(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else {
            return "{\"error\":\"unencodable value\"}"
        }
        return text
    }
}
