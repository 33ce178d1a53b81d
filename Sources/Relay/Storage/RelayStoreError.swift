/// Why a store operation was refused or failed. The bounded-size cases are the stated policy when full: the new
/// input is rejected, nothing stored is dropped.
struct RelayStoreError: Error, Equatable, CustomStringConvertible {
    enum Kind: Equatable {
        case cannotOpen(path: String, reason: String)
        case chatNotFound
        case replyNotFound
        case chatFull
        case queueFull
        case relayFull
        case idempotencyKeyMismatch
        case tooManyIdempotencyKeys(retryAfter: Int)
        case database(String)
    }

    let kind: Kind

    static func cannotOpen(path: String, reason: String) -> Self { .init(kind: .cannotOpen(path: path, reason: reason)) }
    static let chatNotFound = Self(kind: .chatNotFound)
    static let replyNotFound = Self(kind: .replyNotFound)
    static let chatFull = Self(kind: .chatFull)
    static let queueFull = Self(kind: .queueFull)
    static let relayFull = Self(kind: .relayFull)
    static let idempotencyKeyMismatch = Self(kind: .idempotencyKeyMismatch)
    static func tooManyIdempotencyKeys(retryAfter: Int) -> Self { .init(kind: .tooManyIdempotencyKeys(retryAfter: retryAfter)) }
    static func database(_ reason: String) -> Self { .init(kind: .database(reason)) }

    var description: String {
        switch kind {
        case .cannotOpen(let path, let reason): "cannot open the relay database \(path): \(reason)"
        case .chatNotFound: "chat not found"
        case .replyNotFound: "message to reply to not found in this chat"
        case .chatFull: "the chat holds its maximum number of messages"
        case .queueFull: "the bot's update queue is full"
        case .relayFull: "the relay holds its maximum number of chats"
        case .idempotencyKeyMismatch: "the idempotency key was used with another chat or text"
        case .tooManyIdempotencyKeys(let retryAfter):
            "the relay holds its maximum number of idempotency keys; the oldest expires in \(retryAfter) s"
        case .database(let reason): "database error: \(reason)"
        }
    }
}
