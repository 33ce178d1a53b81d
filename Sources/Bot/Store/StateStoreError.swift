/// Why the state store failed. The description says where, never what a message said.
struct StateStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    let description: String

    static func cannotOpen(path: String, reason: String) -> StateStoreError {
        StateStoreError(description: "cannot open the state database \(path): \(reason)")
    }

    static func database(_ reason: String) -> StateStoreError {
        StateStoreError(description: "state database error: \(reason)")
    }
}
