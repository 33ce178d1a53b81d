import Foundation

/// Request parameters merged from the query string and the body, the way the Telegram Bot API accepts them:
/// `application/json`, `application/x-www-form-urlencoded` or `multipart/form-data` bodies. Body values win over
/// query values of the same name.
package struct RequestParameters: Sendable {
    /// Why the parameters could not be read.
    package enum Failure: Error, Equatable {
        case invalidUTF8
        case invalidJSON
        case invalidForm
    }

    package private(set) var values: [String: ParameterValue]

    package init(_ values: [String: ParameterValue] = [:]) {
        self.values = values
    }

    package subscript(name: String) -> ParameterValue? {
        values[name]
    }

    /// Parses the query string and the body.
    package static func parse(query: String?, contentType: String?, body: [UInt8]) throws(Failure) -> RequestParameters {
        var parameters = RequestParameters()
        if let query, !query.isEmpty {
            for (name, value) in try FormDecoding.urlEncoded(Array(query.utf8)) { parameters.values[name] = .string(value) }
        }
        guard !body.isEmpty else { return parameters }
        switch contentType.map(Self.mediaType(of:)) {
        case "application/x-www-form-urlencoded":
            for (name, value) in try FormDecoding.urlEncoded(body) { parameters.values[name] = .string(value) }
        case "multipart/form-data":
            guard let boundary = contentType.flatMap(FormDecoding.boundary(in:)) else { throw .invalidForm }
            for (name, value) in try FormDecoding.multipart(body, boundary: boundary) {
                parameters.values[name] = .string(value)
            }
        default:
            // JSON, declared or not (curl sends `-d '{…}'` as a form): Telegram reads such bodies as JSON too.
            for (name, value) in try jsonObject(body) { parameters.values[name] = value }
        }
        return parameters
    }

    /// The media type of a `Content-Type` value: its first non-empty part between `;`s, without the spaces around
    /// it (those of Foundation's `CharacterSet.whitespaces`: tab and Unicode's space separators), lowercased. Read
    /// by scalars: Foundation's `trimmingCharacters(in:)` went through `NSString` on every bot call.
    package static func mediaType(of contentType: String) -> String {
        let type = contentType.unicodeScalars.drop { $0 == ";" }.prefix { $0 != ";" }
        let isSpace = { (scalar: Unicode.Scalar) in scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator }
        guard let first = type.firstIndex(where: { !isSpace($0) }), let last = type.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(Substring(type[first...last])).lowercased()
    }

    /// A JSON object's members; invalid UTF-8 is told apart from invalid JSON.
    package static func jsonObject(_ body: [UInt8]) throws(Failure) -> [String: ParameterValue] {
        // The bodies clients send are small flat objects: read those by hand, the same values as JSONDecoder's.
        if let members = FlatJSONObject.parse(body) { return members }
        guard String(validating: body, as: UTF8.self) != nil else { throw .invalidUTF8 }
        do {
            return try JSONDecoder().decode([String: ParameterValue].self, from: Data(body))
        } catch {
            throw .invalidJSON
        }
    }
}
