// swift-tools-version:6.1

import PackageDescription

let package = Package(
    name: "huabei-bot",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "huabei-bot", targets: ["huabei-bot"]),
        // The long-running programs, each loading only what it uses; `huabei-bot relay` and `huabei-bot run` start them.
        .executable(name: "huabei-relay", targets: ["huabei-relay"]),
        .executable(name: "huabei-daemon", targets: ["huabei-daemon"]),
        // For Benchmarks/operators, which generates a million-turn log with it.
        .library(name: "TurnLogTesting", targets: ["TurnLogTesting"]),
        // For the libFuzzer harnesses (Tests/Fuzz, a package of their own so that `swift build` is unaffected), which
        // link the parsers of outside input through these.
        .library(name: "Channels", targets: ["Channels"]),
        .library(name: "HTTP", targets: ["HTTP"]),
        .library(name: "RequestDecoding", targets: ["RequestDecoding"]),
        .library(name: "TurnLog", targets: ["TurnLog"]),
        .library(name: "BotConfig", targets: ["BotConfig"]),
        .library(name: "Dialogue", targets: ["Dialogue"]),
        .library(name: "Classifier", targets: ["Classifier"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Already in the graph through Hummingbird's dependencies (swift-certificates); 3.12.3 and 4.x both serve.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        // Text normalisation, character n-gram features, the intent model and its evaluation. Pure Swift:
        // no networking, no file formats, no CLI.
        // Optimised in debug builds too: every test process, and every daemon a test starts, trains the classifier,
        // which takes about 10 s of CPU unoptimised and well under 1 s optimised, so a busy machine no longer
        // pushes a daemon's start past what the tests wait for. Its tests still build it with testing enabled.
        .target(name: "Classifier", swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // A small hand-written JSON writer for what is written in bulk (turn log lines, classify --jsonl, the
        // relay's hot answers, Bot API requests). No Foundation.
        .target(name: "JSONWriting"),
        // A forward-only JSON scanner for the hot paths that read a few known keys (turn log lines, the Bot API's
        // sendMessage answers), where JSONDecoder costs ten times more. No Foundation.
        .target(name: "JSONReading"),
        // The version and the commit a build was made from, for `--version` and the daemon's first log line.
        // `make` writes BuildCommit+Generated.swift (git-ignored); a plain `swift build` reports commit "unknown".
        .target(name: "BuildInfo"),
        // The token bucket that both the relay (requests per client) and the daemon (sends per chat) meter with.
        // Pure Swift, no dependencies, so neither networking nor the classifier is pulled in by it.
        .target(name: "RateLimiting"),
        // Config/huabei-bot.yaml: typed settings with defaults, environment overrides, file:line errors.
        .target(
            name: "BotConfig",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // The intent catalog (Intents/ loader and validator) and the conversation state machine.
        .target(
            name: "Dialogue",
            dependencies: ["Classifier", "BotConfig", "JSONWriting", .product(name: "Yams", package: "Yams")]
        ),
        // Terminal line editing that understands double-width Chinese characters.
        .target(name: "LineEditor"),
        // The local REPL session and the machine-readable turn and evaluation formats.
        .target(
            name: "Console",
            dependencies: ["Classifier", "Dialogue", "LineEditor", "JSONWriting"]
        ),
        // The relay's request decoding: query strings and JSON, form and multipart bodies, the Idempotency-Key header.
        // Pure Swift on Foundation, apart from the server so the fuzz harness builds without it.
        .target(name: "RequestDecoding", dependencies: ["JSONReading"]),
        .target(name: "GroupCommit", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        // The local chat relay: web chat page plus a Telegram-compatible bot endpoint.
        .target(
            name: "Relay",
            dependencies: [
                "BotConfig", "JSONWriting", "RateLimiting", "RequestDecoding", "GroupCommit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
            // The chat page is compiled in (Sources/Relay/Page/ChatPage*.swift), not a resource bundle, so a copied
            // or installed binary still serves it.
        ),
        // libcurl's C API with typed shims over its variadic functions; only HTTP imports it.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // A small blocking HTTP client on libcurl, run on its own threads and bridged to async/await.
        .target(
            name: "HTTP",
            dependencies: ["CCurl", .product(name: "Logging", package: "swift-log")]
        ),
        // glibc's mallopt, for the executables' start-up.
        .systemLibrary(name: "CMalloc"),
        // zlib's gzip file functions, for reading compressed turn logs; only TurnLog imports it.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // The turn log's record format, shared by the daemon that writes it and the operator tools that read it.
        .target(name: "TurnLog", dependencies: ["CZlib", "JSONWriting", "JSONReading"]),
        // Generated turn logs with known figures, for tests and the operator tools' benchmark.
        .target(name: "TurnLogTesting", dependencies: ["TurnLog"]),
        // Chat channels the daemon polls: the Telegram Bot API protocol (Telegram itself or the local relay).
        .target(
            name: "Channels",
            dependencies: ["HTTP", "BotConfig", "JSONWriting", "JSONReading", .product(name: "Logging", package: "swift-log")]
        ),
        // The daemon: poll loop, durable state and outbox, turn log, supervision.
        .target(
            name: "Bot",
            dependencies: [
                "Channels", "Dialogue", "Classifier", "BotConfig", "TurnLog", "HTTP", "RateLimiting", "GroupCommit",
                "JSONWriting", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // Operator tools over the turn logs: report and review.
        .target(
            name: "Operators",
            dependencies: ["TurnLog", "Classifier", "Dialogue", "BotConfig", "LineEditor"]
        ),
        // The command-line entry point: wires the modules together, nothing else. `relay` and `run` hand over to the
        // two executables below, so the REPL and the tools load neither an HTTP server nor libcurl.
        .executableTarget(
            name: "huabei-bot",
            dependencies: [
                "Classifier", "BotConfig", "Dialogue", "Console", "Operators", "TurnLog", "CMalloc", "BuildInfo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `huabei-relay` (`huabei-bot relay`): wires the relay.
        .executableTarget(
            name: "huabei-relay",
            dependencies: [
                "Relay", "BotConfig", "BuildInfo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `huabei-daemon` (`huabei-bot run`): wires the daemon.
        .executableTarget(
            name: "huabei-daemon",
            dependencies: [
                "Bot", "BotConfig", "Dialogue", "CMalloc", "BuildInfo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What several test targets share: the repository's trained engine (trained once per test process), a
        // thread for CPU-bound test work, so that no test holds Swift's cooperative pool for long, and wall-clock
        // bounds scaled for the sanitizer runs (TestSlowdown).
        .target(name: "SharedTestSupport", dependencies: ["Dialogue"], path: "Tests/SharedTestSupport"),
        .testTarget(name: "ClassifierTests", dependencies: ["Classifier"]),
        .testTarget(name: "JSONWritingTests", dependencies: ["JSONWriting"]),
        .testTarget(name: "BuildInfoTests", dependencies: ["BuildInfo"]),
        .testTarget(name: "RateLimitingTests", dependencies: ["RateLimiting"]),
        .testTarget(name: "GroupCommitTests", dependencies: ["GroupCommit", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "BotConfigTests", dependencies: ["BotConfig", "SharedTestSupport"]),
        .testTarget(name: "DialogueTests", dependencies: ["Dialogue", "Classifier", "BotConfig", "JSONWriting", "SharedTestSupport"]),
        .testTarget(name: "LineEditorTests", dependencies: ["LineEditor"]),
        .testTarget(name: "ConsoleTests", dependencies: ["Console", "Dialogue", "Classifier", "JSONWriting", "SharedTestSupport", "TurnLogTesting"]),
        .testTarget(name: "TurnLogTests", dependencies: ["TurnLog", "TurnLogTesting"]),
        .testTarget(
            name: "OperatorsTests",
            dependencies: ["Operators", "TurnLog", "TurnLogTesting", "Dialogue", "Classifier", "BotConfig", "SharedTestSupport"]
        ),
        .testTarget(
            name: "HTTPTests",
            dependencies: [
                "HTTP", "SharedTestSupport", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "ChannelsTests", dependencies: ["Channels", "HTTP", "BotConfig"]),
        .testTarget(
            name: "BotTests",
            dependencies: [
                "Bot", "Channels", "HTTP", "Dialogue", "Classifier", "BotConfig", "TurnLog", "TurnLogTesting", "SharedTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "RelayTests",
            dependencies: [
                "Relay", "RequestDecoding", "JSONWriting", "SharedTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ]
        ),
    ]
)

for target in package.targets where target.type != .system && target.type != .binary {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    target.swiftSettings = settings
}
