import Foundation
public import TurnLog

/// Generates turn logs with known figures: scripted conversations (diagnosis flows, follow-up questions,
/// not-understood messages in near-duplicate families, small talk, ambiguous and empty messages) spread
/// over days and chats, with the figures a correct report must show.
///
/// ```swift
/// var options = GeneratorOptions()
/// options.days = 2
/// let figures = try TurnLogGenerator(options: options).write(dataDirectory: folder)
/// ```
public struct TurnLogGenerator: Sendable {
    public var options: GeneratorOptions

    public init(options: GeneratorOptions = GeneratorOptions()) {
        self.options = options
    }

    /// How one generated line is written.
    public enum Shape: Sendable, Equatable {
        /// As the current daemon writes it.
        case current
        /// As an older daemon would have: no `v`, `latency_us`, `runner_up` or `notices`; numeric `chat_id`.
        case older
        /// Current, plus keys the reader does not know.
        case withUnknownKeys
    }

    /// A record and how to write it.
    public struct Line: Sendable {
        public var record: TurnLogRecord
        public var shape: Shape
    }

    /// Generates the log one day at a time: `body` gets each day's lines in time order.
    public func generate(_ body: (LogDay, [Line]) throws -> Void) rethrows -> GeneratedFigures {
        var script = ConversationScript(figures: GeneratedFigures(), random: SeededGenerator(seed: options.seed), noiseShare: options.noiseShare)
        var random = SeededGenerator(seed: options.seed ^ 0xA5A5_5A5A)
        var nextChat: Int64 = 100_000_000
        var updateID: Int64 = 1
        var lineIndex = 0
        var yesterdaysChats: [(channel: String, id: String)] = []
        for offset in 0..<options.days {
            let day = options.firstDay.adding(days: offset)
            let midnight = Double(day.daysSinceEpoch) * 86_400
            var todaysChats: [(channel: String, id: String)] = []
            var returning = yesterdaysChats.shuffled(using: &random)
            var lines: [Line] = []
            for _ in 0..<options.conversationsPerDay {
                let chat: (channel: String, id: String)
                if !returning.isEmpty, Double.random(in: 0..<1, using: &random) < options.returningChatShare {
                    chat = returning.removeLast()
                } else {
                    nextChat += Int64.random(in: 1...97, using: &random)
                    chat = (Double.random(in: 0..<1, using: &random) < 0.9 ? "telegram" : "local", String(nextChat))
                }
                todaysChats.append(chat)
                // Conversations run between 01:00 and about 23:15, so a chat that comes back the next day
                // does so after the daemon's idle timeout (an hour) has reset it.
                var time = midnight + Double.random(in: 3600..<(23 * 3600), using: &random)
                for turn in script.conversation() {
                    time += Double(Int.random(in: 5_000...120_000, using: &random)) / 1000
                    let latency = Self.latency(using: &random)
                    let record = TurnLogRecord(
                        time: Date(timeIntervalSince1970: time), channel: chat.channel, chatID: chat.id, updateID: 0,
                        text: turn.text, intent: turn.intent, confidence: turn.confidence,
                        runnerUp: turn.runnerUp.map { .init(intent: $0.intent, confidence: $0.confidence) },
                        decision: turn.decision, replyKey: turn.replyKey, step: turn.step, latencyMicroseconds: latency,
                        notices: turn.text.contains("[phone]") ? ["sensitive_data"] : []
                    )
                    lines.append(Line(record: record, shape: .current))
                }
            }
            lines.sort { $0.record.time < $1.record.time }
            var chats = Set<String>()
            for index in lines.indices {
                lines[index].record.updateID = updateID
                updateID += 1
                lineIndex += 1
                if options.olderVersionEvery > 0, lineIndex % options.olderVersionEvery == 0 {
                    lines[index].shape = .older
                } else if options.unknownKeysEvery > 0, lineIndex % options.unknownKeysEvery == 0 {
                    lines[index].shape = .withUnknownKeys
                }
                count(lines[index], day: day, into: &script.figures, chats: &chats)
            }
            script.figures.turnsPerDay[day] = lines.count
            script.figures.chatsPerDay[day] = chats.count
            try body(day, lines)
            yesterdaysChats = todaysChats
        }
        return script.figures
    }

    /// Writes `DATA/logs/turns-YYYY-MM-DD.jsonl`, one file a day, and returns the figures.
    public func write(dataDirectory: String) throws -> GeneratedFigures {
        let directory = (dataDirectory as NSString).appendingPathComponent("logs")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let writer = TurnLogLineWriter()
        var damaged = 0
        var lastPath: String?
        var figures = try generate { day, lines in
            let path = (directory as NSString).appendingPathComponent("turns-\(day).jsonl")
            var output = [UInt8]()
            output.reserveCapacity(lines.count * 400)
            let damageEvery = options.damagedLinesPerFile > 0 ? max(1, lines.count / (options.damagedLinesPerFile + 1)) : Int.max
            var written = 0
            for (index, line) in lines.enumerated() {
                if index > 0, index % damageEvery == 0, written < options.damagedLinesPerFile {
                    output += writer.damagedLine(number: written, day: day)
                    output.append(0x0A)
                    written += 1
                }
                output += try writer.encode(line)
                output.append(0x0A)
            }
            while written < options.damagedLinesPerFile {
                output += writer.damagedLine(number: written, day: day)
                output.append(0x0A)
                written += 1
            }
            damaged += written
            guard FileManager.default.createFile(atPath: path, contents: Data(output)) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
            lastPath = path
        }
        if options.halfWrittenLastLine, let lastPath, let handle = FileHandle(forWritingAtPath: lastPath) {
            let sample = TurnLogRecord(
                time: Date(timeIntervalSince1970: Double(options.firstDay.daysSinceEpoch) * 86_400), channel: "telegram", chatID: "1",
                updateID: 1, text: "写到一半", intent: "greeting", confidence: 0.9, runnerUp: nil, decision: "intent", replyKey: "greeting",
                step: "idle", latencyMicroseconds: 1
            )
            let full = try writer.encode(Line(record: sample, shape: .current))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(full.prefix(full.count / 2)))
            try handle.close()
            damaged += 1
        }
        figures.damagedLines = damaged
        return figures
    }

    private func count(_ line: Line, day: LogDay, into figures: inout GeneratedFigures, chats: inout Set<String>) {
        let record = line.record
        chats.insert("\(record.channel)\u{1F}\(record.chatID)")
        figures.intents[record.intent, default: 0] += 1
        let isOutOfScope = record.decision.hasPrefix("out_of_scope")
        let isLow = record.confidence < options.confidenceThreshold
        if isOutOfScope {
            figures.outOfScope += 1
            figures.outOfScopeReasons[String(record.decision.dropFirst("out_of_scope:".count)), default: 0] += 1
        }
        if isLow { figures.lowConfidence += 1 }
        if isOutOfScope || isLow { figures.notUnderstood += 1 }
        if line.shape == .older {
            figures.olderVersionRecords += 1
        } else {
            figures.latencies.append(record.latencyMicroseconds)
        }
    }

    /// Mostly tens of milliseconds, with a long tail.
    private static func latency(using random: inout SeededGenerator) -> Int64 {
        let uniform = Double.random(in: Double.ulpOfOne..<1, using: &random)
        return 2_000 + Int64(-log(uniform) * 15_000) + (Int.random(in: 0..<100, using: &random) == 0 ? Int64.random(in: 200_000...900_000, using: &random) : 0)
    }
}
