// Writes a generated turn log for the operator tools' benchmark (see run.sh):
//
//   turnlog-generate --data DIR [--turns 1000000] [--days 10] [--seed 1]
//
// One file per day under DIR/logs, with what real logs hold: a few damaged lines per file, a
// half-written last line, older-version lines and lines with unknown keys. Prints the figures the report
// must show (turns, chats, not understood) as one JSON line.
import Foundation
import TurnLog
import TurnLogTesting

var arguments = CommandLine.arguments.dropFirst()
var data: String?
var turns = 1_000_000
var options = GeneratorOptions()
options.days = 10
options.damagedLinesPerFile = 5
options.halfWrittenLastLine = true
options.olderVersionEvery = 1000
options.unknownKeysEvery = 500

@MainActor func value(_ name: String) -> String {
    guard let next = arguments.popFirst() else {
        FileHandle.standardError.write(Data("\(name) needs a value\n".utf8))
        exit(2)
    }
    return next
}

while let argument = arguments.popFirst() {
    switch argument {
    case "--data": data = value(argument)
    case "--turns": turns = Int(value(argument)) ?? turns
    case "--days": options.days = Int(value(argument)) ?? options.days
    case "--seed": options.seed = UInt64(value(argument)) ?? options.seed
    default:
        FileHandle.standardError.write(Data("unknown argument \(argument)\nusage: turnlog-generate --data DIR [--turns N] [--days N] [--seed N]\n".utf8))
        exit(2)
    }
}
guard let data else {
    FileHandle.standardError.write(Data("usage: turnlog-generate --data DIR [--turns N] [--days N] [--seed N]\n".utf8))
    exit(2)
}

// A conversation is about 3.3 turns on average; measure it on a small sample rather than guess.
var sample = options
sample.days = 1
sample.conversationsPerDay = 20_000
let sampleTurns = TurnLogGenerator(options: sample).generate { _, _ in }.turns
// One percent more, so the log holds at least the turns asked for.
options.conversationsPerDay = max(1, Int((Double(turns) / Double(options.days) * 20_000 / Double(sampleTurns) * 1.01).rounded(.up)))

let start = Date()
let figures = try TurnLogGenerator(options: options).write(dataDirectory: data)
let summary: [String: Any] = [
    "turns": figures.turns, "chats_per_day_total": figures.chatsPerDay.values.reduce(0, +), "not_understood": figures.notUnderstood,
    "damaged_lines": figures.damagedLines, "older_version_records": figures.olderVersionRecords,
    "seconds": (Date().timeIntervalSince(start) * 10).rounded() / 10,
]
let json = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])
print(String(decoding: json, as: UTF8.self))
