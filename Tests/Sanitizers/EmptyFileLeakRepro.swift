// Why Tests/Sanitizers/lsan.supp suppresses leaks from FoundationEssentials' `readBytesFromFile`.
//
// Not part of any target. `swiftc -sanitize=address -g EmptyFileLeakRepro.swift -o /tmp/repro && /tmp/repro empty`
// (Swift 6.3.1, Linux) ends with "LeakSanitizer: … 4096 byte(s) leaked in 1 allocation(s)", allocated in
// readBytesFromFile under Data(contentsOf:); `/tmp/repro full` (a 5-byte file) leaks nothing.
import Foundation

let empty = "/tmp/empty-file-leak-repro.yaml"
let full = "/tmp/full-file-leak-repro.yaml"
FileManager.default.createFile(atPath: empty, contents: Data())
FileManager.default.createFile(atPath: full, contents: Data("a: 1\n".utf8))
let which = CommandLine.arguments.dropFirst().first ?? "empty"
let data = try Data(contentsOf: URL(fileURLWithPath: which == "empty" ? empty : full))
print(which, data.count)
