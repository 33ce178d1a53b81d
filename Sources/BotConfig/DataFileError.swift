/// A problem in a configuration or intent file, reported as `file:line: message`.
public struct DataFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is.
    public var location: SourceLocation
    /// What is wrong, and where possible how to fix it.
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}

/// Several data file problems at once, so an operator can fix them all in one pass.
public struct DataFileErrors: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems, in file and line order.
    public var errors: [DataFileError]

    public init(_ errors: [DataFileError]) {
        self.errors = errors.sorted {
            ($0.location.file, $0.location.line ?? 0) < ($1.location.file, $1.location.line ?? 0)
        }
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
