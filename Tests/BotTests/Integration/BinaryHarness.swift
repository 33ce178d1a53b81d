import Foundation
import HTTP
import Logging
import SharedTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `huabei-bot` as a relay and as a daemon on loopback, with a people-side client for the relay.
///
/// The binary is `HUABEI_BOT_BIN` when set, else `huabei-bot` next to this test runner (the same build folder),
/// else `.build/debug/huabei-bot`; `make test` builds it before running the tests.
final class BinaryHarness: Sendable {
    static let token = "4242424242:integration-secret_TOKEN-abcdef"

    static let executable: String? = {
        var candidates: [String] = []
        if let path = ProcessInfo.processInfo.environment["HUABEI_BOT_BIN"], !path.isEmpty { candidates.append(path) }
        if let runner = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append((runner as NSString).deletingLastPathComponent + "/huabei-bot")
        }
        candidates.append(TestBrain.root.appendingPathComponent(".build/debug/huabei-bot").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// The deadline of a request to the relay: a guard against a hang, scaled for the sanitizer runs (where the
    /// relay is a sanitized build sharing two cores with the whole suite).
    static let requestTimeout = TestSlowdown.scaled(.seconds(10))

    let directory = temporaryDirectory()
    let relayData: String
    let daemonData: String
    let intents: String
    let config: String
    let http: CurlHTTPClient
    private let started = Mutex<[ChildProcess]>([])
    private let counter = Mutex(0)

    init(intents: String = TestBrain.intentsDirectory, config: String = "") throws {
        relayData = directory + "/relay"
        daemonData = directory + "/daemon"
        self.intents = intents
        self.config = directory + "/huabei-bot.yaml"
        try config.write(toFile: self.config, atomically: true, encoding: .utf8)
        http = CurlHTTPClient(configuration: .init(maxConcurrentRequests: 16), logger: Logger(label: "people", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    func binary() throws -> String {
        guard let executable = Self.executable else {
            throw ChildProcessError(description: "huabei-bot is not built: run `swift build` (or `make test`) first, or set HUABEI_BOT_BIN")
        }
        return executable
    }

    private func nextLog(_ name: String) -> String {
        let index = counter.withLock { value -> Int in
            value += 1
            return value
        }
        return "\(directory)/\(name)-\(index).log"
    }

    private func track(_ process: ChildProcess) -> ChildProcess {
        started.withLock { $0.append(process) }
        return process
    }

    /// Starts the relay on `port` (0 for a free one) and returns it with its port once it listens.
    func startRelay(port: Int = 0, faultHooks: Bool = false) async throws -> (ChildProcess, Int) {
        var arguments = [
            "relay", "--listen", "127.0.0.1:\(port)", "--data", relayData, "--send-rate", "0", "--chat-rate", "0",
            "--address-rate", "0", "--log-level", "info",
        ]
        if faultHooks { arguments.append("--enable-fault-hooks") }
        let relay = track(
            try ChildProcess(
                executable: try binary(), arguments: arguments, environment: ["HUABEI_BOT_TOKEN": Self.token],
                logPath: nextLog("relay")))
        guard await relay.waitForLog("relay listening"),
            let match = relay.log.firstMatch(of: /relay\.port=(\d+)/), let bound = Int(match.1)
        else {
            throw ChildProcessError(description: "the relay did not start:\n\(relay.log)")
        }
        return (relay, bound)
    }

    /// Starts the daemon against the relay on `port` and waits until it polls.
    func startDaemon(port: Int, environment: [String: String] = [:], token: String = BinaryHarness.token, waitForPolling: Bool = true)
        async throws -> ChildProcess
    {
        var variables = [
            "HUABEI_BOT_TOKEN": token, "HUABEI_LOGGING_LEVEL": "debug", "HUABEI_DAEMON_BACKOFF_MAX_SECONDS": "1",
            "HUABEI_DELIVERY_LOCAL_OVERALL_PER_SECOND": "0",
        ]
        variables.merge(environment) { $1 }
        let daemon = track(
            try ChildProcess(
                executable: try binary(),
                arguments: [
                    "run", "--data", daemonData, "--base-url", "http://127.0.0.1:\(port)", "--intents", intents, "--config", config,
                ],
                environment: variables, logPath: nextLog("daemon")))
        if waitForPolling {
            guard await daemon.waitForLog("polling for updates") else {
                throw ChildProcessError(description: "the daemon did not start polling:\n\(daemon.log)")
            }
        }
        return daemon
    }

    /// Runs `body` with `harness`, then kills every process it started, also when `body` throws.
    static func with(_ harness: BinaryHarness, _ body: (BinaryHarness) async throws -> Void) async throws {
        do {
            try await body(harness)
        } catch {
            await harness.shutdown()
            throw error
        }
        await harness.shutdown()
    }

    /// Kills whatever is still running; a sanitizer report in any process's log fails the test.
    func shutdown() async {
        for process in started.withLock({ $0 }) {
            await process.terminate()
            if let report = process.sanitizerReport {
                Issue.record("a sanitizer report in \(process.logPath):\n\(report)")
            }
        }
        await http.shutdown()
    }

    // MARK: People side

    struct Chat: Sendable {
        var id: String
        var token: String
    }

    struct Message: Sendable, Decodable {
        var id: Int64
        var from: String
        var text: String
    }

    func createChat(port: Int) async throws -> Chat {
        let response = try await http.execute(
            HTTPRequest(method: .post, url: url(port, "/api/chats")), timeout: Self.requestTimeout)
        guard response.status == 201,
            let object = try JSONSerialization.jsonObject(with: response.body) as? [String: String],
            let id = object["chat_id"], let token = object["token"]
        else { throw ChildProcessError(description: "cannot create a chat: \(response.status)") }
        return Chat(id: id, token: token)
    }

    @discardableResult
    func post(_ text: String, to chat: Chat, port: Int) async throws -> Int64 {
        let body = try JSONSerialization.data(withJSONObject: ["text": text])
        let response = try await http.execute(
            .postJSON(url: url(port, "/api/chats/\(chat.id)/messages"), body: body, headers: ["Authorization": "Bearer \(chat.token)"]),
            timeout: Self.requestTimeout)
        guard response.status == 201, let object = try JSONSerialization.jsonObject(with: response.body) as? [String: Any],
            let id = object["id"] as? Int
        else { throw ChildProcessError(description: "cannot post: \(response.status) \(String(decoding: response.body, as: UTF8.self))") }
        return Int64(id)
    }

    /// The chat's messages after `after`, waiting up to `timeout` seconds for one.
    func messages(of chat: Chat, after: Int64 = 0, timeout: Int = 0, port: Int) async throws -> [Message] {
        let response = try await http.execute(
            HTTPRequest(
                url: url(port, "/api/chats/\(chat.id)/messages?after=\(after)&timeout=\(timeout)"),
                headers: ["Authorization": "Bearer \(chat.token)"]),
            timeout: .seconds(timeout) + Self.requestTimeout)
        struct Page: Decodable { var messages: [Message] }
        guard response.status == 200 else { throw ChildProcessError(description: "cannot read messages: \(response.status)") }
        return try JSONDecoder().decode(Page.self, from: response.body).messages
    }

    /// Every message of the chat.
    func allMessages(of chat: Chat, port: Int) async throws -> [Message] {
        var all: [Message] = []
        while true {
            let page = try await messages(of: chat, after: all.last?.id ?? 0, port: port)
            if page.isEmpty { return all }
            all += page
        }
    }

    /// Waits until the chat holds `count` bot messages; returns them.
    func botReplies(in chat: Chat, count: Int, port: Int, within limit: Duration = TestSlowdown.scaled(.seconds(60))) async throws -> [Message] {
        let deadline = ContinuousClock.now + limit
        var all: [Message] = []
        while ContinuousClock.now < deadline {
            let page = try await messages(of: chat, after: all.last?.id ?? 0, timeout: 2, port: port)
            all += page
            let replies = all.filter { $0.from == "bot" }
            if replies.count >= count { return replies }
        }
        return all.filter { $0.from == "bot" }
    }

    /// Plans a fault for the next bot-side calls.
    func plan(fault kind: String, count: Int, delayMilliseconds: Int = 1000, port: Int) async throws {
        let body = try JSONSerialization.data(withJSONObject: ["kind": kind, "count": count, "delay_ms": delayMilliseconds, "retry_after": 1])
        let response = try await http.execute(.postJSON(url: url(port, "/_faults"), body: body), timeout: Self.requestTimeout)
        guard response.status == 200 else { throw ChildProcessError(description: "cannot plan a fault: \(response.status)") }
    }

    /// Bot calls still to be failed.
    func pendingFaults(port: Int) async throws -> Int {
        let response = try await http.execute(HTTPRequest(url: url(port, "/_faults")), timeout: Self.requestTimeout)
        let object = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        let pending = object?["pending"] as? [[String: Any]] ?? []
        return pending.reduce(0) { $0 + ($1["count"] as? Int ?? 0) }
    }

    func url(_ port: Int, _ path: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)\(path)")!
    }

    /// Every log the processes wrote and every turn log line.
    func allLogs() -> String {
        var text = ""
        let files = (try? FileManager.default.subpathsOfDirectory(atPath: directory)) ?? []
        for file in files where file.hasSuffix(".log") || file.hasSuffix(".jsonl") {
            text += (try? String(contentsOfFile: directory + "/" + file, encoding: .utf8)) ?? ""
        }
        return text
    }
}
