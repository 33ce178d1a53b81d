import HTTPTypes
import Hummingbird
import RequestDecoding

/// A Bot API failure, rendered as Telegram's error envelope with Telegram's wording.
struct BotAPIError: Error, Equatable, CustomStringConvertible {
    let code: Int
    let description: String
    let retryAfter: Int?

    init(code: Int, description: String, retryAfter: Int? = nil) {
        self.code = code
        self.description = description
        self.retryAfter = retryAfter
    }

    static let unauthorized = Self(code: 401, description: "Unauthorized")
    static let notFound = Self(code: 404, description: "Not Found")
    static let conflict = Self(
        code: 409,
        description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running")
    static let chatNotFound = Self(code: 400, description: "Bad Request: chat not found")
    static let chatIDEmpty = Self(code: 400, description: "Bad Request: chat_id is empty")
    static let textEmpty = Self(code: 400, description: "Bad Request: message text is empty")
    static let textTooLong = Self(code: 400, description: "Bad Request: message is too long")
    static let replyNotFound = Self(code: 400, description: "Bad Request: message to be replied not found")
    static let chatFull = Self(code: 400, description: "Bad Request: chat is full")
    static let invalidUTF8 = Self(code: 400, description: "Bad Request: strings must be encoded in UTF-8")
    static let invalidJSON = Self(code: 400, description: "Bad Request: can't parse JSON object")
    static let invalidForm = Self(code: 400, description: "Bad Request: can't parse request parameters")
    static let tooLarge = Self(code: 413, description: "Request Entity Too Large")
    static let invalidIdempotencyKey = Self(
        code: 400, description: "Bad Request: Idempotency-Key must be 1 to 128 printable ASCII characters")
    static let idempotencyKeyInProgress = Self(
        code: 409, description: "Conflict: a request with this Idempotency-Key is still being handled; retry it")
    static let idempotencyKeyMismatch = Self(
        code: 422, description: "Unprocessable Entity: this Idempotency-Key was used with another chat or text")
    static let internalError = Self(code: 500, description: "Internal Server Error")

    static func tooManyRequests(retryAfter: Int) -> Self {
        Self(code: 429, description: "Too Many Requests: retry after \(retryAfter)", retryAfter: retryAfter)
    }

    static func invalidParameter(_ name: String, _ expectation: String) -> Self {
        Self(code: 400, description: "Bad Request: parameter \"\(name)\" \(expectation)")
    }

    init(_ failure: RequestParameters.Failure) {
        switch failure {
        case .invalidUTF8: self = .invalidUTF8
        case .invalidJSON: self = .invalidJSON
        case .invalidForm: self = .invalidForm
        }
    }

    /// The HTTP response: status equal to `error_code`, as Telegram does.
    var response: Response {
        var headers: HTTPFields = [:]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        let body = Telegram.Failure(
            errorCode: code, description: description, parameters: retryAfter.map { .init(retryAfter: $0) })
        return JSONResponse.make(body, status: .init(code: code), headers: headers)
    }
}
