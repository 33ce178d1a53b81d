public import Logging

/// Writes log events as swift-log's `StreamLogHandler` does (same format), but keeps a logger's metadata as given
/// and renders it to text only when an event is written.
///
/// `StreamLogHandler` renders its metadata every time it changes, and Hummingbird sets a request id on a copy of
/// the logger for every request, so each request paid for a text that a relay logging at `info` or above never
/// writes (1.9% of the relay's CPU samples under load, 1.0% with this handler; see BENCHMARKS.md, "Relay CPU per
/// round trip: where it goes").
///
/// `@main` bootstraps it once: `LoggingSystem.bootstrap { RelayLogHandler.standardError(label: $0) }`.
public struct RelayLogHandler: LogHandler {
    private var stream: StreamLogHandler

    /// The logger's own metadata, rendered with each event written.
    public var metadata: Logger.Metadata = [:]

    /// A handler writing to `stream`, with the global metadata provider of `LoggingSystem`.
    public init(label: String, stream: any TextOutputStream & Sendable) {
        self.stream = StreamLogHandler(label: label, stream: stream)
    }

    private init(stream: StreamLogHandler) {
        self.stream = stream
    }

    /// A handler writing to standard error, as `StreamLogHandler.standardError(label:)`.
    public static func standardError(label: String) -> RelayLogHandler {
        RelayLogHandler(stream: StreamLogHandler.standardError(label: label))
    }

    public var logLevel: Logger.Level {
        get { stream.logLevel }
        set { stream.logLevel = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { stream.metadataProvider }
        set { stream.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var stream = self.stream
        stream.metadata = metadata
        stream.log(event: event)
    }
}
