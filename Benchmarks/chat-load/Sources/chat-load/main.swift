// chat-load: people chatting through the relay, answered by a bot; prints round trips per second and latency.
//
// Each of N chats loops: POST a message, then long-poll GET ?after=<its id> until the bot's reply arrives; a round
// trip is measured from the POST to the reply. With --bot-token a built-in bot that does no work answers (the relay
// benchmark, and the daemon benchmark's baseline); without it another bot must answer (the daemon).
//
//   chat-load --port 8080 [--chats 100] [--seconds 20] [--warmup 3] [--interval-ms N]
//             [--bot-token TOKEN [--senders 8]] [--texts ping|questions]
//
// With --interval-ms N each chat starts a round trip every N ms (when the previous one is done), so the offered
// load is at most chats × 1000/N per second: latency below saturation. Without it, chats go back to back and the
// figure is the maximum throughput (latency is then queueing: chats / throughput).
//
// The last line is machine-readable for the scripts: `RESULT <round trips/s> <p50 ms> <p99 ms>`.

import Foundation

let options: LoadOptions
do {
    options = try LoadOptions(CommandLine.arguments)
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}

let start = ContinuousClock.now
let measureFrom = start + .seconds(options.warmup)
let end = measureFrom + .seconds(options.seconds)
let bot = options.botToken.map { InstantBot(token: $0, port: options.port, senders: options.senders) }
let botTask = bot.map { bot in Task { try await bot.run() } }
let samples = try await withThrowingTaskGroup(of: [Duration].self) { group in
    for index in 0..<options.chats {
        if let interval = options.intervalMilliseconds {
            // Spread the chats over one interval, so a paced run's offered load is even.
            try await Task.sleep(for: .milliseconds(interval * index / options.chats))
        }
        let person = ChatPerson(index: index, options: options, measureFrom: measureFrom, end: end)
        group.addTask { try await person.run() }
    }
    var all: [Duration] = []
    for try await part in group { all += part }
    return all
}
bot?.stop()
let answered = try await botTask?.value
let latency = LatencySummary(samples)
let rate = Double(latency.sorted.count) / options.seconds
print(String(format: "load generator CPU time (user+sys): %.1f s", cpuSeconds()))
print(
    "bot: \(options.botToken == nil ? "external (the daemon)" : "built-in, answered \(answered ?? 0)"); chats: \(options.chats); "
        + "interval: \(options.intervalMilliseconds.map { "\($0) ms" } ?? "none (back to back)"); "
        + "measured \(Int(options.seconds)) s after \(Int(options.warmup)) s warm-up")
print(String(format: "round trips: %d (%.0f/s)", latency.sorted.count, rate))
print(
    String(
        format: "latency ms: p50 %.2f, p90 %.2f, p99 %.2f, max %.2f", latency.percentile(0.50), latency.percentile(0.90),
        latency.percentile(0.99), latency.maximum))
print(String(format: "RESULT %.1f %.3f %.3f", rate, latency.percentile(0.50), latency.percentile(0.99)))
