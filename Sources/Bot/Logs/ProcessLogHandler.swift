public import Logging
import Synchronization

/// The process log's level, shared by every logger so that a SIGHUP reload can change it.
public final class LogLevelControl: Sendable {
    private let state: Mutex<Logger.Level>

    /// Starts at `level`.
    public init(_ level: Logger.Level) {
        state = Mutex(level)
    }

    /// The current level.
    public var level: Logger.Level {
        get { state.withLock { $0 } }
        set { state.withLock { $0 = newValue } }
    }
}

/// Writes process events to standard error in swift-log's plain format, at the level a ``LogLevelControl`` says.
///
/// `@main` bootstraps it once: `LoggingSystem.bootstrap { ProcessLogHandler(label: $0, control: control) }`.
public struct ProcessLogHandler: LogHandler {
    private var stream: StreamLogHandler
    private let control: LogLevelControl
    private var overrideLevel: Logger.Level?

    /// A handler for `label` whose level follows `control`.
    public init(label: String, control: LogLevelControl) {
        stream = StreamLogHandler.standardError(label: label)
        self.control = control
    }

    /// The control's level, unless this logger was given its own.
    public var logLevel: Logger.Level {
        get { overrideLevel ?? control.level }
        set { overrideLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { stream.metadata }
        set { stream.metadata = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { stream.metadataProvider }
        set { stream.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { stream[metadataKey: key] }
        set { stream[metadataKey: key] = newValue }
    }

    public func log(event: LogEvent) {
        stream.log(event: event)
    }
}
