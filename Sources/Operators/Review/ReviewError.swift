/// Why a review could not go on.
public struct ReviewError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Sendable, Equatable {
        case cannotRead(String)
        case cannotWrite(String, String)
        case terminal(String)
    }

    private let kind: Kind

    static func cannotRead(_ path: String) -> ReviewError { ReviewError(kind: .cannotRead(path)) }
    static func cannotWrite(_ path: String, _ reason: String) -> ReviewError { ReviewError(kind: .cannotWrite(path, reason)) }
    static func terminal(_ reason: String) -> ReviewError { ReviewError(kind: .terminal(reason)) }

    public var description: String {
        switch kind {
        case .cannotRead(let path): "\(path): cannot read the file"
        case .cannotWrite(let path, let reason): "\(path): cannot write: \(reason)"
        case .terminal(let reason): "terminal: \(reason)"
        }
    }
}
