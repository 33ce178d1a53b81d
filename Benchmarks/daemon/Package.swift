// swift-tools-version:6.1
// Load generator for the daemon benchmark (see run.sh). A separate package so that the main build never compiles
// it; it uses HummingbirdTesting's small keep-alive HTTP/1.1 client, as Benchmarks/relay does.

import PackageDescription

let package = Package(
    name: "daemon-benchmark",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1")
    ],
    targets: [
        .executableTarget(
            name: "daemon-load",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        )
    ]
)
