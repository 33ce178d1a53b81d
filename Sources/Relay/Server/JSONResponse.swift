import Foundation
import HTTPTypes
import Hummingbird
import JSONWriting

/// Builds JSON responses with the headers every relay answer carries.
enum JSONResponse {
    /// `value` encoded as JSON with `status`.
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        let data: Data
        do {
            let encoder = JSONEncoder()
            // Stable key order: the same answer is the same bytes (Foundation's order is otherwise arbitrary).
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            data = try encoder.encode(value)
        } catch {
            // Every encoded type here is plain data; this cannot happen, but answer with valid JSON if it does.
            data = Data(#"{"error":"internal"}"#.utf8)
        }
        return raw(data, status: status, headers: headers)
    }

    /// `value` written as JSON by ``JSONWriter`` with `status`: the same bytes as ``make(_:status:headers:)``,
    /// without Foundation's encoder.
    static func write(_ value: some JSONWritable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var writer = JSONWriter()
        value.write(to: &writer)
        return raw(writer.bytes, status: status, headers: headers)
    }

    /// A body that is already JSON (or deliberately not, for the fault hook).
    static func raw(_ data: some Sequence<UInt8>, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
