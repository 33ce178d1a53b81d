// relay-load: long-poll round trips against a running relay.
//
// Each of N chats loops: POST a message, then long-poll GET ?after=<its id> until the bot's reply arrives; the
// latency of a round trip is from the POST to the reply. A built-in bot long-polls getUpdates (limit 100) and
// answers every update with sendMessage over a few connections, as the daemon would.
//
//   relay-load --port 8080 --token 123:abc [--chats 100] [--seconds 20] [--warmup 3] [--senders 8] [--interval-ms 0]
//
// With --interval-ms N each chat starts a round trip every N ms (when the previous one is done), so the offered
// load is at most chats × 1000/N per second: latency below saturation. Without it, chats go back to back and the
// figure is the maximum throughput (latency is then queueing: chats / throughput).

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization

struct Options {
    var port = 8080
    var token = ""
    var chats = 100
    var seconds = 20.0
    var warmup = 3.0
    var senders = 8
    /// Each chat starts a round trip at most every this many milliseconds (0: back to back).
    var intervalMilliseconds = 0

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let name = iterator.next() {
            guard let value = iterator.next() else { break }
            switch name {
            case "--port": port = Int(value) ?? port
            case "--token": token = value
            case "--chats": chats = Int(value) ?? chats
            case "--seconds": seconds = Double(value) ?? seconds
            case "--warmup": warmup = Double(value) ?? warmup
            case "--senders": senders = Int(value) ?? senders
            case "--interval-ms": intervalMilliseconds = Int(value) ?? intervalMilliseconds
            default: FileHandle.standardError.write(Data("unknown option \(name)\n".utf8))
            }
        }
    }
}

struct LoadError: Error, CustomStringConvertible {
    var description: String
}

/// One keep-alive connection, one request at a time.
struct Connection: Sendable {
    let client: TestClient

    init(port: Int) {
        client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(60)))
        client.connect()
    }

    func send(_ method: HTTPRequest.Method, _ path: String, bearer: String? = nil, json: String? = nil) async throws
        -> (Int, [UInt8])
    {
        var headers = HTTPFields()
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        if json != nil { headers[.contentType] = "application/json" }
        let response = try await client.execute(
            TestClient.Request(path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }))
        return (Int(response.status.code), response.body.map { Array($0.readableBytesView) } ?? [])
    }
}

struct CreatedChat: Decodable {
    let chat_id: String
    let token: String
}

struct CreatedMessage: Decodable {
    let id: Int64
}

struct ChatMessages: Decodable {
    struct Message: Decodable {
        let id: Int64
        let from: String
    }
    let messages: [Message]
}

struct Updates: Decodable {
    struct Update: Decodable {
        struct Message: Decodable {
            struct Chat: Decodable { let id: Int64 }
            let message_id: Int64
            let chat: Chat
            let text: String
        }
        let update_id: Int64
        let message: Message
    }
    let ok: Bool
    let result: [Update]
}

func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(bytes))
}

/// The person in one chat: post, wait for the reply, repeat until the deadline.
func runChat(options: Options, start: ContinuousClock.Instant, end: ContinuousClock.Instant) async throws -> [Duration] {
    let poster = Connection(port: options.port)
    let poller = Connection(port: options.port)
    defer {
        Task { try? await poster.client.shutdown() }
        Task { try? await poller.client.shutdown() }
    }
    func createChat() async throws -> CreatedChat {
        let (status, body) = try await poster.send(.post, "/api/chats")
        guard status == 201 else { throw LoadError(description: "create chat: \(status)") }
        return try decode(CreatedChat.self, body)
    }
    var chat = try await createChat()
    var samples: [Duration] = []
    var counter = 0
    let measureFrom = start + .seconds(options.warmup)
    // Spread the chats' first messages over one interval, so paced runs do not arrive in lockstep.
    if options.intervalMilliseconds > 0 {
        try await Task.sleep(for: .milliseconds(Int.random(in: 0..<options.intervalMilliseconds)))
    }
    while ContinuousClock.now < end {
        counter += 1
        let sent = ContinuousClock.now
        let next = sent + .milliseconds(options.intervalMilliseconds)
        let (postStatus, postBody) = try await poster.send(
            .post, "/api/chats/\(chat.chat_id)/messages", bearer: chat.token, json: #"{"text":"ping \#(counter)"}"#)
        if postStatus == 409 {
            // chat_full: the chat holds its maximum number of messages; start a new one, as the page does.
            chat = try await createChat()
            continue
        }
        guard postStatus == 201 else { throw LoadError(description: "post: \(postStatus)") }
        var after = try decode(CreatedMessage.self, postBody).id
        var replied = false
        while !replied {
            let (pollStatus, pollBody) = try await poller.send(
                .get, "/api/chats/\(chat.chat_id)/messages?after=\(after)&timeout=10", bearer: chat.token)
            guard pollStatus == 200 else { throw LoadError(description: "poll: \(pollStatus)") }
            let messages = try decode(ChatMessages.self, pollBody).messages
            replied = messages.contains { $0.from == "bot" }
            after = messages.last?.id ?? after
            if !replied && ContinuousClock.now > end + .seconds(15) { throw LoadError(description: "reply lost") }
        }
        if sent >= measureFrom && ContinuousClock.now <= end { samples.append(sent.duration(to: .now)) }
        if options.intervalMilliseconds > 0 && next > .now { try await Task.sleep(until: next) }
    }
    return samples
}

/// The bot: long-poll getUpdates, answer every update, confirm by offset.
/// Set once the chats are done.
final class StopFlag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}

func runBot(options: Options, stop: StopFlag) async throws -> Int {
    let poller = Connection(port: options.port)
    let senders = (0..<options.senders).map { _ in Connection(port: options.port) }
    var offset: Int64 = 0
    var answered = 0
    while !stop.isSet {
        let (status, body) = try await poller.send(
            .get, "/bot\(options.token)/getUpdates?offset=\(offset)&timeout=1&limit=100")
        guard status == 200 else { throw LoadError(description: "getUpdates: \(status)") }
        let updates = try decode(Updates.self, body).result
        guard let last = updates.last else { continue }
        offset = last.update_id + 1
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, sender) in senders.enumerated() {
                let share = stride(from: index, to: updates.count, by: senders.count).map { updates[$0] }
                guard !share.isEmpty else { continue }
                group.addTask {
                    for update in share {
                        let json = #"{"chat_id":\#(update.message.chat.id),"text":"收到：\#(update.message.text)"}"#
                        let (status, _) = try await sender.send(.post, "/bot\(options.token)/sendMessage", json: json)
                        guard status == 200 else { throw LoadError(description: "sendMessage: \(status)") }
                    }
                }
            }
            try await group.waitForAll()
        }
        answered += updates.count
    }
    try? await poller.client.shutdown()
    for sender in senders { try? await sender.client.shutdown() }
    return answered
}

func percentile(_ sorted: [Duration], _ fraction: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let index = min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)
    return milliseconds(sorted[max(0, index)])
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

let options = Options(CommandLine.arguments)
guard !options.token.isEmpty else {
    FileHandle.standardError.write(Data("usage: relay-load --port N --token TOKEN [--chats 100] [--seconds 20]\n".utf8))
    exit(2)
}

let stop = StopFlag()
let start = ContinuousClock.now
let end = start + .seconds(options.warmup + options.seconds)
let bot = Task { try await runBot(options: options, stop: stop) }
let samples = try await withThrowingTaskGroup(of: [Duration].self) { group in
    for _ in 0..<options.chats {
        group.addTask { try await runChat(options: options, start: start, end: end) }
    }
    var all: [Duration] = []
    for try await samples in group { all += samples }
    return all
}
stop.set()
let answered = try await bot.value
let sorted = samples.sorted()
let rate = Double(sorted.count) / options.seconds
print(String(format: "load generator CPU time (user+sys): %.1f s", cpuSeconds()))
print(String(format: "chats: %d, interval: %d ms, measured: %.0f s after %.0f s warm-up, bot replies: %d", options.chats, options.intervalMilliseconds, options.seconds, options.warmup, answered))
print(String(format: "round trips: %d (%.0f/s)", sorted.count, rate))
print(
    String(
        format: "latency ms: p50 %.2f, p90 %.2f, p99 %.2f, max %.2f", percentile(sorted, 0.50), percentile(sorted, 0.90),
        percentile(sorted, 0.99), sorted.last.map(milliseconds) ?? .nan))
