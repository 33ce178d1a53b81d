// swift-tools-version:6.1

import Foundation
import PackageDescription

// The libFuzzer harnesses: one executable per parser of outside input, each linking the main package's library
// through its public (or, built with -enable-testing, internal) entry point. A package of its own so that the main
// package's `swift build` and `swift test` never see them; `make fuzz` builds it with
// `-sanitize=fuzzer,address -enable-testing` into .build/fuzz.

// A path dependency's identity is its folder's name: the checkout's, whatever it is called.
let root = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().deletingLastPathComponent()
let main = root.lastPathComponent.lowercased()

func harness(_ name: String, _ libraries: [String]) -> Target {
    .executableTarget(
        name: "fuzz-\(name)",
        dependencies: ["FuzzDriver"] + libraries.map { .product(name: $0, package: main) },
        path: "Sources/\(name)"
    )
}

let package = Package(
    name: "huabei-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "../..")],
    targets: [
        .target(name: "CLibFuzzer"),
        .target(name: "FuzzDriver", dependencies: ["CLibFuzzer"]),
        harness("bot-api", ["Channels", "HTTP"]),
        harness("matrix-sync", ["Channels", "HTTP"]),
        harness("relay-request", ["RequestDecoding"]),
        harness("turn-log-line", ["TurnLog"]),
        harness("intent-file", ["Dialogue", "BotConfig"]),
        harness("configuration", ["BotConfig"]),
        harness("text", ["Dialogue", "Classifier"]),
    ]
)
