import Logging
import Synchronization
import Testing

@testable import Relay

/// `RelayLogHandler` writes what swift-log's `StreamLogHandler` writes, with metadata rendered only when an event
/// is written.
@Suite struct RelayLogHandlerTests {
    /// Collects what a handler writes.
    final class Lines: TextOutputStream, Sendable {
        private let text = Mutex("")
        func write(_ string: String) { text.withLock { $0 += string } }
        var lines: [String] { text.withLock { $0.split(separator: "\n").map(String.init) } }
    }

    /// A written line without its timestamp (the first field), which may differ by a second between two handlers.
    private func withoutTimestamp(_ line: String) -> String {
        String(line.drop { $0 != " " })
    }

    @Test func writesWhatStreamLogHandlerWrites() {
        let ours = Lines()
        let theirs = Lines()
        var relayLogger = Logger(label: "huabei.relay") { RelayLogHandler(label: $0, stream: ours) }
        var streamLogger = Logger(label: "huabei.relay") { StreamLogHandler(label: $0, stream: theirs, metadataProvider: nil) }
        relayLogger.logLevel = .debug
        streamLogger.logLevel = .debug
        relayLogger[metadataKey: "hb.request.id"] = "42"
        streamLogger[metadataKey: "hb.request.id"] = "42"
        relayLogger[metadataKey: "relay.chat"] = .stringConvertible(7)
        streamLogger[metadataKey: "relay.chat"] = .stringConvertible(7)
        for logger in [relayLogger, streamLogger] {
            logger.debug("request", metadata: ["http.status": "200"])
            logger.info("no event metadata")
            logger.trace("below the level: not written")
        }
        #expect(ours.lines.count == 2)
        #expect(ours.lines.map(withoutTimestamp) == theirs.lines.map(withoutTimestamp))
        #expect(ours.lines.first?.contains("hb.request.id=42") == true)
        #expect(ours.lines.first?.contains("http.status=200") == true)
    }

    @Test func keepsMetadataAndLevelPerLogger() {
        let lines = Lines()
        var base = Logger(label: "huabei.relay") { RelayLogHandler(label: $0, stream: lines) }
        base.logLevel = .info
        var request = base
        request[metadataKey: "hb.request.id"] = "1"
        #expect(request[metadataKey: "hb.request.id"] == "1")
        #expect(base[metadataKey: "hb.request.id"] == nil)
        base.info("base")
        request.info("request")
        #expect(lines.lines.count == 2)
        #expect(lines.lines[0].contains("hb.request.id") == false)
        #expect(lines.lines[1].contains("hb.request.id=1"))
    }
}
