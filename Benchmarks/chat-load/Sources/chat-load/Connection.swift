import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// One keep-alive connection to the relay, one request at a time.
struct Connection: Sendable {
    let client: TestClient

    init(port: Int) {
        client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(60)))
        client.connect()
    }

    func send(_ method: HTTPRequest.Method, _ path: String, bearer: String? = nil, json: String? = nil) async throws
        -> (status: Int, body: [UInt8])
    {
        var headers = HTTPFields()
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        if json != nil { headers[.contentType] = "application/json" }
        let response = try await client.execute(
            TestClient.Request(path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }))
        return (Int(response.status.code), response.body.map { Array($0.readableBytesView) } ?? [])
    }

    func close() async {
        try? await client.shutdown()
    }
}

/// Decodes a relay answer.
func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(bytes))
}
