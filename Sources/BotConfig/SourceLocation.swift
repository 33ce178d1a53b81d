/// A place in a data file, for error messages an operator can jump to.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    /// The file's path as the user gave it.
    public var file: String
    /// The 1-based line, or nil when the problem concerns the whole file.
    public var line: Int?

    public init(file: String, line: Int? = nil) {
        self.file = file
        self.line = line
    }

    /// `file:line`, or just `file`.
    public var description: String {
        line.map { "\(file):\($0)" } ?? file
    }
}
