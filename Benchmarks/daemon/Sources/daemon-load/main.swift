// daemon-load: people chatting through the relay, answered by the bot daemon (or, for a baseline, by a trivial
// built-in bot that echoes at once).
//
// Each of N chats loops: POST a message, then long-poll GET ?after=<its id> until the bot's reply arrives; a round
// trip is measured from the POST to the reply. Round trips per second and latency percentiles are printed for the
// measured window after a warm-up.
//
//   daemon-load --port 8080 [--chats 50] [--seconds 20] [--warmup 5] [--interval-ms N] [--echo-bot TOKEN]

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization

struct Options {
    var port = 8080
    var chats = 50
    var seconds = 20.0
    var warmup = 5.0
    var echoToken: String?
    /// When set, each chat sends at most one message per interval (an offered load below saturation).
    var intervalMilliseconds: Int?

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let name = iterator.next() {
            guard let value = iterator.next() else { break }
            switch name {
            case "--port": port = Int(value) ?? port
            case "--chats": chats = Int(value) ?? chats
            case "--seconds": seconds = Double(value) ?? seconds
            case "--warmup": warmup = Double(value) ?? warmup
            case "--echo-bot": echoToken = value
            case "--interval-ms": intervalMilliseconds = Int(value)
            default: FileHandle.standardError.write(Data("unknown option \(name)\n".utf8))
            }
        }
    }
}

/// Tells the baseline bot to stop.
let echoStop = Atomic<Bool>(false)

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

func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(bytes))
}

/// What people write: questions the bot answers, so the daemon does its real work for each.
let texts = [
    "我的花呗怎么用不了了", "花呗逾期了现在还能用吗", "没有", "芝麻分掉到580了", "是的", "花呗被冻结了怎么办", "谢谢",
    "套现会被冻结吗", "还清了", "你好",
]

/// The person in one chat: post, wait for the reply, repeat until the deadline.
func runChat(index: Int, options: Options, start: ContinuousClock.Instant, end: ContinuousClock.Instant) async throws
    -> [Duration]
{
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
    var counter = index
    let measureFrom = start + .seconds(options.warmup)
    while ContinuousClock.now < end {
        counter += 1
        let text = texts[counter % texts.count]
        let sent = ContinuousClock.now
        let (postStatus, postBody) = try await poster.send(
            .post, "/api/chats/\(chat.chat_id)/messages", bearer: chat.token, json: #"{"text":"\#(text)"}"#)
        if postStatus == 409 {
            chat = try await createChat()  // chat_full: start a new chat, as the page does
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
            if !replied && ContinuousClock.now > end + .seconds(30) { throw LoadError(description: "reply lost") }
        }
        if sent >= measureFrom && ContinuousClock.now <= end { samples.append(sent.duration(to: .now)) }
        if let interval = options.intervalMilliseconds {
            try? await Task.sleep(until: sent + .milliseconds(interval), clock: .continuous)
        }
    }
    return samples
}

struct Updates: Decodable {
    struct Update: Decodable {
        struct Message: Decodable {
            struct Chat: Decodable { let id: Int64 }
            let message_id: Int64
            let chat: Chat
        }
        let update_id: Int64
        let message: Message
    }
    let result: [Update]
}

/// The baseline bot: answers every update at once with a fixed text, over 4 connections.
func runEchoBot(token: String, options: Options) async throws {
    let poller = Connection(port: options.port)
    let senders = (0..<4).map { _ in Connection(port: options.port) }
    var offset: Int64 = 0
    while !echoStop.load(ordering: .relaxed) {
        let (status, body) = try await poller.send(.get, "/bot\(token)/getUpdates?offset=\(offset)&timeout=1&limit=100")
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
                        let json = #"{"chat_id":\#(update.message.chat.id),"text":"收到","reply_to_message_id":\#(update.message.message_id)}"#
                        let (status, _) = try await sender.send(.post, "/bot\(token)/sendMessage", json: json)
                        guard status == 200 else { throw LoadError(description: "sendMessage: \(status)") }
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}

func percentile(_ sorted: [Duration], _ fraction: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let index = min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)
    return milliseconds(sorted[max(0, index)])
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

let options = Options(CommandLine.arguments)
let start = ContinuousClock.now
let end = start + .seconds(options.warmup + options.seconds)
let bot = options.echoToken.map { token in Task { try await runEchoBot(token: token, options: options) } }
let samples = try await withThrowingTaskGroup(of: [Duration].self) { group in
    for index in 0..<options.chats {
        if let interval = options.intervalMilliseconds {
            // Spread the chats over the interval, so the offered load is even.
            try await Task.sleep(for: .milliseconds(interval * index / max(1, options.chats)))
        }
        group.addTask { try await runChat(index: index, options: options, start: start, end: end) }
    }
    var all: [Duration] = []
    for try await part in group { all += part }
    return all
}
echoStop.store(true, ordering: .relaxed)
try await bot?.value
let sorted = samples.sorted()
print(String(format: "bot: %@, chats: %d, measured %.0f s after %.0f s warm-up", options.echoToken == nil ? "daemon" : "echo (baseline)", options.chats, options.seconds, options.warmup))
print(String(format: "round trips: %d (%.0f messages/s)", sorted.count, Double(sorted.count) / options.seconds))
print(
    String(
        format: "round trip ms: p50 %.2f, p90 %.2f, p99 %.2f, max %.2f", percentile(sorted, 0.50), percentile(sorted, 0.90),
        percentile(sorted, 0.99), sorted.last.map(milliseconds) ?? .nan))
print(String(format: "RESULT %.1f %.3f %.3f", Double(sorted.count) / options.seconds, percentile(sorted, 0.50), percentile(sorted, 0.99)))
