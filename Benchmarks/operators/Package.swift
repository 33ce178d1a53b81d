// swift-tools-version:6.1
// Turn log generator for the operator tools' benchmark (see run.sh). A separate package so that the main build
// never compiles it; it uses the main package's TurnLogTesting library, the generator the tests use.

import PackageDescription

let package = Package(
    name: "operators-benchmark",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "huabei-bot", path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "turnlog-generate",
            dependencies: [.product(name: "TurnLogTesting", package: "huabei-bot")]
        )
    ]
)
