@testable import TurnLog

/// One turn log line, through the fast scanner and the `JSONDecoder` fallback the readers use.
enum TurnLogLineFuzzer {
    static let parser = TurnLogLineParser()

    static func run(_ bytes: UnsafeRawBufferPointer) {
        _ = parser.parse(bytes)
        _ = TurnLogLineParser.scan(bytes)?.record
        _ = parser.decode(bytes)?.record
    }
}
