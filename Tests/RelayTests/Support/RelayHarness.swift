import BotConfig
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import ServiceLifecycle
import SharedTestSupport
import Testing

@testable import Relay

/// A relay on a free loopback port over a temporary data directory, with small HTTP helpers. Every request
/// has a bounded deadline, so a test that hangs fails instead.
struct RelayHarness: Sendable {
    static let botToken = "123456789:relay-test-token_ABCDEFGHIJKLMNOP"

    let port: Int
    let dataDirectory: String
    let logs: LogCapture
    let server: RelayServer
    /// Starts a graceful shutdown of the relay (as SIGTERM would).
    let shutdown: @Sendable () async -> Void

    /// The bot-side path of a method, with the right token.
    func bot(_ method: String, query: String = "") -> String {
        "/bot\(Self.botToken)/\(method)" + (query.isEmpty ? "" : "?\(query)")
    }

    /// A configuration for tests: no rate limits unless a test sets them, loopback, port 0.
    static func configuration(_ change: (inout RelayConfiguration) -> Void = { _ in }) -> RelayConfiguration {
        var configuration = RelayConfiguration(host: "127.0.0.1", port: 0, sendRate: nil, chatMessageRate: nil, addressRate: nil)
        change(&configuration)
        return configuration
    }

    /// A fresh directory in this test process's scratch folder (removed when the process exits).
    static func makeTemporaryDirectory() -> String {
        ScratchDirectory.make("relay")
    }

    /// Runs `body` against a running relay, then shuts it down gracefully and waits until it has stopped
    /// (so a second relay can open the same data directory).
    static func withRelay<T: Sendable>(
        _ configuration: RelayConfiguration = configuration(),
        dataDirectory: String? = nil,
        _ body: @Sendable (RelayHarness) async throws -> T
    ) async throws -> T {
        var configuration = configuration
        let directory = dataDirectory ?? makeTemporaryDirectory()
        configuration.dataDirectory = directory
        let logs = LogCapture()
        let logger = logs.logger()
        let server = try RelayServer(configuration: configuration, botToken: BotToken(botToken), logger: logger)
        let group = ServiceGroup(configuration: .init(services: [server], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            do {
                let port = try await server.boundPort()
                let harness = RelayHarness(
                    port: port, dataDirectory: directory, logs: logs, server: server,
                    shutdown: { await group.triggerGracefulShutdown() })
                let result = try await body(harness)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }

    // MARK: HTTP

    /// A response: status, headers, raw body and the body parsed as JSON (`.null` when it is not JSON).
    struct Reply: Sendable {
        let status: Int
        let headers: HTTPFields
        let body: [UInt8]
        var json: JSONValue { JSONValue.parse(body) ?? .null }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// One request on a fresh connection, failing after `timeout` (by default 10 s, a guard against a hang, scaled
    /// by `TestSlowdown` in the sanitizer runs).
    func request(
        _ method: HTTPRequest.Method, _ path: String, headers: [String: String] = [:], body: [UInt8]? = nil,
        timeout: Duration = TestSlowdown.scaled(.seconds(10))
    ) async throws -> Reply {
        var fields = HTTPFields()
        for (name, value) in headers {
            if let fieldName = HTTPField.Name(name) { fields[fieldName] = value }
        }
        let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: timeout))
        client.connect()
        do {
            let response = try await client.execute(
                TestClient.Request(path, method: method, headers: fields, body: body.map { ByteBuffer(bytes: $0) }))
            try? await client.shutdown()
            let bytes = response.body.map { Array($0.readableBytesView) } ?? []
            return Reply(status: Int(response.status.code), headers: response.head.headerFields, body: bytes)
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// POST with a JSON body.
    func post(_ path: String, json: String, headers: [String: String] = [:], timeout: Duration = TestSlowdown.scaled(.seconds(10))) async throws
        -> Reply
    {
        var headers = headers
        headers["Content-Type"] = "application/json"
        return try await request(.post, path, headers: headers, body: Array(json.utf8), timeout: timeout)
    }

    // MARK: People side

    /// A chat created through the API.
    struct Chat: Sendable {
        let id: String
        let token: String
        var authorization: [String: String] { ["Authorization": "Bearer \(token)"] }
    }

    func createChat() async throws -> Chat {
        let reply = try await request(.post, "/api/chats")
        try #require(reply.status == 201, "create chat: \(reply.status) \(reply.text)")
        return Chat(id: try #require(reply.json["chat_id"].string), token: try #require(reply.json["token"].string))
    }

    /// Posts a message as the person; returns its id.
    @discardableResult
    func say(_ text: String, in chat: Chat) async throws -> Int64 {
        let reply = try await post(
            "/api/chats/\(chat.id)/messages", json: try jsonObject(["text": text]), headers: chat.authorization)
        try #require(reply.status == 201, "post message: \(reply.status) \(reply.text)")
        return try #require(reply.json["id"].int)
    }

    func messages(in chat: Chat, after: Int64 = 0, timeout: Int = 0) async throws -> Reply {
        try await request(
            .get, "/api/chats/\(chat.id)/messages?after=\(after)&timeout=\(timeout)", headers: chat.authorization,
            timeout: .seconds(timeout + 10))
    }

    // MARK: Bot side

    /// The integer chat id the bot sees for a web chat: read from the next update.
    func telegramChatID(of chat: Chat) async throws -> Int64 {
        try await say("hello", in: chat)
        let reply = try await request(.get, bot("getUpdates", query: "offset=-1"))
        return try #require(reply.json["result"][0]["message"]["chat"]["id"].int)
    }

    /// Waits until `condition` holds, checking every 10 ms, failing after `deadline` (generous: a loaded machine
    /// must not fail a test, a real hang still does; scaled by `TestSlowdown` in the sanitizer runs).
    func eventually(
        within deadline: Duration = TestSlowdown.scaled(.seconds(60)), _ what: String, _ condition: @Sendable () async throws -> Bool
    ) async throws {
        let start = ContinuousClock.now
        while try await !condition() {
            if start.duration(to: .now) > deadline {
                Issue.record("condition not met within \(deadline): \(what)")
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Waits until a browser poll of the chat with this Telegram-style id is suspended in the relay.
    func waitUntilChatPolling(_ chatID: Int64) async throws {
        try await eventually("browser poll is waiting") {
            server.waitingChatPolls(chatID) > 0
        }
    }

    /// Waits until a `getUpdates` is suspended in the relay. Asks the relay's registry directly, as
    /// ``waitUntilChatPolling(_:)`` does: a status request per check took seconds in a loaded sanitizer run, long
    /// enough to miss a whole poll. (`statusTellsWhetherTheBotPolls` checks what `/api/status` says.)
    func waitUntilBotPolling() async throws {
        try await eventually("bot poll is waiting") {
            server.waitingBotPolls() > 0
        }
    }
}

/// JSON text of a dictionary of strings, escaped by Foundation.
func jsonObject(_ object: [String: String]) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
}
