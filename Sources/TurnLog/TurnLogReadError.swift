/// Why turn logs could not be read at all. Damaged lines inside a file are not errors: the reader
/// skips and counts them (`TurnLogReadSummary`).
public struct TurnLogReadError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Sendable, Equatable {
        case noLogDirectory(String)
        case cannotList(String, String)
        case cannotOpen(String, String)
    }

    private let kind: Kind

    /// The log folder does not exist.
    static func noLogDirectory(_ path: String) -> TurnLogReadError { TurnLogReadError(kind: .noLogDirectory(path)) }
    /// The log folder exists but cannot be listed.
    static func cannotList(_ path: String, reason: String) -> TurnLogReadError { TurnLogReadError(kind: .cannotList(path, reason)) }
    /// A log file cannot be opened.
    static func cannotOpen(_ path: String, reason: String) -> TurnLogReadError { TurnLogReadError(kind: .cannotOpen(path, reason)) }

    public var description: String {
        switch kind {
        case .noLogDirectory(let path):
            "\(path): no such folder; the daemon writes its turn logs there (give the data folder with --data)"
        case .cannotList(let path, let reason):
            "\(path): cannot list the turn logs: \(reason)"
        case .cannotOpen(let path, let reason):
            "\(path): cannot open: \(reason)"
        }
    }
}
