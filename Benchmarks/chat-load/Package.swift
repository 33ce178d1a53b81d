// swift-tools-version:6.1
// Load generator for the relay and daemon benchmarks (Benchmarks/relay/run.sh, Benchmarks/daemon/run.sh). A
// separate package so that the main build never compiles it; it uses HummingbirdTesting's small keep-alive
// HTTP/1.1 client.

import PackageDescription

let package = Package(
    name: "chat-load",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1")
    ],
    targets: [
        .executableTarget(
            name: "chat-load",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        )
    ]
)
