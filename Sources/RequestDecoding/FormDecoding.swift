import Foundation

/// Decoders for `application/x-www-form-urlencoded` (and query strings) and `multipart/form-data`, strict about
/// percent escapes and UTF-8.
enum FormDecoding {
    /// `name=value&…` pairs, with `+` as a space and `%XX` escapes.
    static func urlEncoded(_ bytes: [UInt8]) throws(RequestParameters.Failure) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for field in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = field.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = try percentDecoded(parts[0])
            let value = parts.count > 1 ? try percentDecoded(parts[1]) : ""
            pairs.append((name, value))
        }
        return pairs
    }

    /// Decodes `%XX` escapes and `+`, then checks the result is UTF-8.
    static func percentDecoded(_ bytes: ArraySlice<UInt8>) throws(RequestParameters.Failure) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
                else { throw .invalidForm }
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        guard let string = String(validating: output, as: UTF8.self) else { throw .invalidUTF8 }
        return string
    }

    /// The `boundary` parameter of a `multipart/form-data` content type.
    static func boundary(in contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            let unquoted = value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 ? String(value.dropFirst().dropLast()) : value
            return unquoted.isEmpty ? nil : unquoted
        }
        return nil
    }

    /// The text fields of a `multipart/form-data` body (file parts are read as text too).
    static func multipart(_ body: [UInt8], boundary: String) throws(RequestParameters.Failure) -> [(String, String)] {
        let delimiter = Array("--\(boundary)".utf8)
        var fields: [(String, String)] = []
        var position = 0
        guard let first = find(delimiter, in: body, from: 0) else { throw .invalidForm }
        position = first + delimiter.count
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if body[position...].starts(with: Array("--".utf8)) { return fields }
            guard body[position...].starts(with: [13, 10]) else { throw .invalidForm }
            position += 2
            guard let headerEnd = find([13, 10, 13, 10], in: body, from: position) else { throw .invalidForm }
            guard let headers = String(validating: body[position..<headerEnd], as: UTF8.self) else { throw .invalidUTF8 }
            let contentStart = headerEnd + 4
            guard let next = find([13, 10] + delimiter, in: body, from: contentStart) else { throw .invalidForm }
            if let name = fieldName(in: headers) {
                guard let value = String(validating: body[contentStart..<next], as: UTF8.self) else { throw .invalidUTF8 }
                fields.append((name, value))
            }
            position = next + 2 + delimiter.count
        }
    }

    private static func fieldName(in headers: String) -> String? {
        for line in headers.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            guard let range = line.range(of: "name=\"") else { continue }
            let rest = line[range.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { continue }
            return String(rest[..<end])
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0] && haystack[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
