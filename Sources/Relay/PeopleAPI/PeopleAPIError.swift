import HTTPTypes
import Hummingbird
import RequestDecoding

/// A people-side failure: `{"error": "<code>", "message": "<English explanation>"}` with a fitting status. The page
/// maps `error` codes to its Chinese notices.
struct PeopleAPIError: Error, Equatable {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    let retryAfter: Int?

    init(status: HTTPResponse.Status, code: String, message: String, retryAfter: Int? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
    }

    /// The same answer for a wrong token, a missing token and an unknown chat, so nothing about a chat leaks.
    static let unauthorized = Self(
        status: .unauthorized, code: "unauthorized", message: "missing or wrong chat token, or no such chat")
    static let tooLarge = Self(status: .contentTooLarge, code: "body_too_large", message: "request body too large")
    static let invalidJSON = Self(status: .badRequest, code: "invalid_json", message: "the body must be a JSON object")
    static let invalidUTF8 = Self(status: .badRequest, code: "invalid_utf8", message: "text must be UTF-8")
    static let missingText = Self(status: .badRequest, code: "missing_text", message: "\"text\" must be a string")
    static let emptyText = Self(status: .badRequest, code: "empty_text", message: "text is empty")
    static let chatFull = Self(
        status: .conflict, code: "chat_full", message: "this chat holds its maximum number of messages; start a new chat")
    static let queueFull = Self(
        status: .serviceUnavailable, code: "queue_full", message: "too many messages wait for the bot; try again later",
        retryAfter: 30)
    static let relayFull = Self(
        status: .serviceUnavailable, code: "relay_full", message: "the relay holds its maximum number of chats",
        retryAfter: 60)
    static let internalError = Self(status: .internalServerError, code: "internal", message: "internal error")

    static func textTooLong(limit: Int) -> Self {
        Self(status: .badRequest, code: "text_too_long", message: "text is longer than \(limit) characters")
    }

    static func invalidParameter(_ name: String, _ expectation: String) -> Self {
        Self(status: .badRequest, code: "invalid_parameter", message: "\"\(name)\" \(expectation)")
    }

    static func rateLimited(retryAfter: Int) -> Self {
        Self(
            status: .tooManyRequests, code: "rate_limited", message: "too many requests; retry after \(retryAfter) s",
            retryAfter: retryAfter)
    }

    init(_ failure: RequestParameters.Failure) {
        switch failure {
        case .invalidUTF8: self = .invalidUTF8
        case .invalidJSON, .invalidForm: self = .invalidJSON
        }
    }

    private struct Body: Encodable {
        var error: String
        var message: String
        var retryAfter: Int?

        enum CodingKeys: String, CodingKey {
            case error
            case message
            case retryAfter = "retry_after"
        }
    }

    var response: Response {
        var headers: HTTPFields = [:]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        if status == .unauthorized { headers[.wwwAuthenticate] = #"Bearer realm="huabei-relay""# }
        return JSONResponse.make(Body(error: code, message: message, retryAfter: retryAfter), status: status, headers: headers)
    }
}
