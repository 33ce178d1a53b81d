import Foundation
import HTTP
import Logging
import Synchronization
import Testing

/// The bot token lives in the URL path: no error, description, dump or log line may ever show it.
struct RedactionTests {
    @Test func redactedURLKeepsOnlySchemeHostAndPort() throws {
        let cases: [(String, String)] = [
            ("https://api.telegram.org/bot\(secretToken)/getUpdates?offset=5#x", "https://api.telegram.org:443"),
            ("http://127.0.0.1:8081/bot\(secretToken)/sendMessage", "http://127.0.0.1:8081"),
            ("http://user:\(secretToken)@relay.local/bot", "http://relay.local:80"),
            ("HTTP://[::1]:9000/bot\(secretToken)", "http://[::1]:9000"),
        ]
        for (text, expected) in cases {
            let request = HTTPRequest(url: try #require(URL(string: text)))
            #expect(request.redactedURL == expected)
        }
    }

    @Test func requestDescriptionAndDumpHideTheToken() throws {
        let url = try #require(
            URL(string: "https://api.telegram.org/bot\(secretToken)/getUpdates?token=\(secretToken)"))
        let request = HTTPRequest.postJSON(url: url, body: Data("{}".utf8))
        var dumped = ""
        dump(request, to: &dumped)
        for text in [request.description, String(reflecting: request), "\(request)", dumped] {
            #expect(!text.contains(secretToken))
            #expect(!text.contains("getUpdates"))
        }
        #expect(request.description == "POST https://api.telegram.org:443 (2-byte body)")
    }

    @Test func errorsNeverContainTheToken() async throws {
        var errors: [HTTPClientError?] = try await TestServer.withServer { server in
            let client = makeClient(maxResponseBodySize: 16)
            let port = try #require(server.base.port)
            let errors = [
                try await errorOfGet(client, "http://127.0.0.1:\(port)/stream/1000?token=\(secretToken)"),
                try await errorOfGet(client, "https://127.0.0.1:\(port)/bot\(secretToken)/getUpdates"),
                try await errorOfGet(client, "http://no-such-host.invalid/bot\(secretToken)/getUpdates"),
                try await errorOfGet(client, "ftp://127.0.0.1:\(port)/bot\(secretToken)/getUpdates"),
                try await errorOfGet(
                    client, "http://127.0.0.1:\(port)/stall?token=\(secretToken)", timeout: .milliseconds(300)),
            ]
            await client.shutdown()
            return errors
        }
        try await withClosedPort { port in
            let client = makeClient()
            errors.append(try await errorOfGet(client, "http://127.0.0.1:\(port)/bot\(secretToken)/getUpdates"))
            await client.shutdown()
        }

        let expected: [HTTPClientError] = [
            .responseTooLarge, .tlsFailure, .couldNotResolveHost, .malformedURL, .timedOut, .couldNotConnect,
        ]
        #expect(errors == expected.map(Optional.some))
        for case let error? in errors {
            var dumped = ""
            dump(error, to: &dumped)
            for text in [error.description, String(reflecting: error), error.detail ?? "", error.target ?? "", dumped] {
                #expect(!text.contains(secretToken), "leaked in: \(text)")
                #expect(!text.contains("123456789"), "leaked in: \(text)")
            }
        }
    }

    @Test func logLinesNeverContainTheToken() async throws {
        let recorder = LogRecorder()
        let logger = {
            var logger = Logger(label: "http-tests", factory: { _ in recorder })
            logger.logLevel = .trace
            return logger
        }()
        try await TestServer.withServer { server in
            let client = CurlHTTPClient(configuration: .init(maxConcurrentRequests: 1), logger: logger)
            let port = try #require(server.base.port)
            for path in ["/bot\(secretToken)/hello", "/hello?token=\(secretToken)"] {
                let url = try #require(URL(string: "http://127.0.0.1:\(port)\(path)"))
                _ = await failure { () async throws(HTTPClientError) in
                    try await client.execute(HTTPRequest(url: url), timeout: requestTimeout)
                }
            }
            let dns = try #require(URL(string: "http://no-such-host.invalid/bot\(secretToken)/getUpdates"))
            _ = await failure { () async throws(HTTPClientError) in
                try await client.execute(HTTPRequest(url: dns), timeout: requestTimeout)
            }
            await client.shutdown()
        }
        let lines = recorder.lines
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.contains("http.target=http://127.0.0.1:") || $0.contains("no-such-host") })
        // CURLINFO_NUM_CONNECTS: the second request reused the first one's connection.
        #expect(lines.first?.contains("http.new_connections=1") == true)
        #expect(lines.dropFirst().first?.contains("http.new_connections=0") == true)
        for line in lines {
            #expect(!line.contains(secretToken), "leaked in: \(line)")
        }
    }
}

/// A log handler that keeps every line, with its metadata, in memory.
struct LogRecorder: LogHandler {
    private let storage = Storage()
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    final class Storage: Sendable {
        let lines = Mutex<[String]>([])
    }

    var lines: [String] {
        storage.lines.withLock { $0 }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let text = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        storage.lines.withLock { $0.append("\(event.level) \(event.message) \(text)") }
    }
}
