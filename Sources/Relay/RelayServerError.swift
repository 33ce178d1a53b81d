/// Why the relay could not start or serve.
public struct RelayServerError: Error, CustomStringConvertible {
    private enum Kind {
        case cannotOpenStore(String)
        case stoppedBeforeBinding
        case noPort
    }

    private let kind: Kind

    static func cannotOpenStore(_ reason: String) -> Self { .init(kind: .cannotOpenStore(reason)) }
    static let stoppedBeforeBinding = Self(kind: .stoppedBeforeBinding)
    static let noPort = Self(kind: .noPort)

    /// A readable explanation.
    public var description: String {
        switch kind {
        case .cannotOpenStore(let reason): reason
        case .stoppedBeforeBinding: "the relay stopped before it was listening"
        case .noPort: "the relay is listening on an address without a port"
        }
    }
}
