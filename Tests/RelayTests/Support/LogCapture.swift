import InMemoryLogging
import Logging

/// Keeps every log line in memory (swift-log's `InMemoryLogHandler`), so a test can check what the relay logged
/// (and that no secret was).
final class LogCapture: Sendable {
    private let handler = InMemoryLogHandler()

    var all: [String] { handler.entries.map { "\($0.level) \($0.message) \($0.metadata)" } }

    func logger(level: Logger.Level = .trace) -> Logger {
        let handler = self.handler
        var logger = Logger(label: "relay-test") { _ in handler }
        logger.logLevel = level
        return logger
    }
}
