public import BotConfig
public import HTTP

import Foundation
import JSONWriting

/// A Bot API client over any ``HTTP/HTTPClient``: the real Telegram, or the local relay that speaks the same
/// protocol.
///
/// Every call is a `POST` with a JSON body to `BASE/bot<token>/<method>`. The token lives only in the URL path,
/// which the HTTP layer never logs; nothing here logs or reports a URL.
///
/// ```swift
/// let api = try TelegramBotAPI(kind: .local, baseURL: "http://127.0.0.1:8080", token: token, http: client)
/// let batch = try await api.getUpdates(offset: 0, limit: 100, timeout: 30)
/// ```
public struct TelegramBotAPI: ChatChannel {
    /// Which endpoint this is.
    public let kind: ChannelKind
    /// HTTP timeout of `getMe` and `sendMessage`.
    public var requestTimeout: Duration
    /// Added to a long poll's `timeout` to get its HTTP timeout, so a silent server is noticed.
    public var pollMargin: Duration

    private let http: any HTTPClient
    private let methodURLs: [String: URL]

    /// The methods this client calls.
    static let methods = ["getMe", "getUpdates", "sendMessage", "setMyCommands"]

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - kind: `local` or `telegram` (for logs; both speak the same protocol).
    ///   - baseURL: `scheme://host[:port][/prefix]`, e.g. `https://api.telegram.org`.
    ///   - token: The bot token; it goes into the URL path and nowhere else.
    ///   - http: The HTTP client; its worker count must allow a long poll and a send at the same time.
    ///   - requestTimeout: HTTP timeout of `getMe` and `sendMessage`.
    ///   - pollMargin: Added to a long poll's `timeout` to get its HTTP timeout.
    /// - Throws: ``ChannelSetupError`` when the base URL is not an absolute `http` or `https` URL.
    public init(
        kind: ChannelKind, baseURL: String, token: BotToken, http: any HTTPClient,
        requestTimeout: Duration = .seconds(15), pollMargin: Duration = .seconds(10)
    ) throws(ChannelSetupError) {
        var base = baseURL.trimmingCharacters(in: .whitespaces)
        while base.hasSuffix("/") { base.removeLast() }
        guard let parsed = URL(string: base), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https",
            parsed.host?.isEmpty == false, parsed.query == nil
        else {
            throw ChannelSetupError("the base URL '\(baseURL)' is not an http or https URL such as https://api.telegram.org")
        }
        var urls: [String: URL] = [:]
        for method in Self.methods {
            guard let url = URL(string: "\(base)/bot\(token.value)/\(method)") else {
                throw ChannelSetupError("cannot build the Bot API URL from the base URL '\(baseURL)'")
            }
            urls[method] = url
        }
        self.kind = kind
        self.http = http
        self.methodURLs = urls
        self.requestTimeout = requestTimeout
        self.pollMargin = pollMargin
    }

    /// `getMe`.
    public func getMe() async throws(ChannelError) -> BotIdentity {
        let user = try await call("getMe", TelegramEnvelope.NoParameters(), timeout: requestTimeout) { body in
            try JSONDecoder().decode(TelegramEnvelope.Success<TelegramEnvelope.User>.self, from: body).result
        }
        return BotIdentity(id: user.id, username: user.username, firstName: user.firstName ?? "")
    }

    /// `getUpdates`; its HTTP timeout is `timeout` seconds plus ``pollMargin``.
    public func getUpdates(offset: Int64, limit: Int, timeout: Int) async throws(ChannelError) -> UpdateBatch {
        let parameters = TelegramEnvelope.GetUpdates(offset: offset, limit: limit, timeout: max(0, timeout))
        return try await call("getUpdates", parameters, timeout: .seconds(max(0, timeout)) + pollMargin) { body in
            try TelegramUpdateReader.read(body)
        }
    }

    /// The local relay honours `Idempotency-Key` on `sendMessage`; Telegram does not.
    public var hasIdempotentReplies: Bool { kind == .local }

    /// `sendMessage`, with `allow_sending_without_reply` so a deleted message does not refuse the reply.
    public func sendMessage(chatID: Int64, text: String, replyTo: Int64?) async throws(ChannelError) -> Int64 {
        try await sendMessage(chatID: chatID, text: text, replyTo: replyTo, idempotencyKey: nil)
    }

    /// `sendMessage` with an `Idempotency-Key` header when ``hasIdempotentReplies`` and a key is given.
    public func sendMessage(chatID: Int64, text: String, replyTo: Int64?, idempotencyKey: String?) async throws(ChannelError)
        -> Int64
    {
        let parameters = TelegramEnvelope.SendMessage(
            chatID: chatID, text: text, replyToMessageID: replyTo, allowSendingWithoutReply: replyTo == nil ? nil : true)
        var headers: HTTPHeaders = [:]
        if let idempotencyKey, hasIdempotentReplies { headers.replaceOrAdd(name: "Idempotency-Key", value: idempotencyKey) }
        return try await call("sendMessage", parameters, headers: headers, timeout: requestTimeout) { body in
            if let messageID = SentMessageReader.messageID(in: body) { return messageID }
            return try JSONDecoder().decode(TelegramEnvelope.Success<TelegramEnvelope.SentMessage>.self, from: body).result
                .messageID
        }
    }

    /// `setMyCommands`, for the default scope and every language.
    public func setMyCommands(_ commands: [BotCommandDescription]) async throws(ChannelError) {
        let parameters = TelegramEnvelope.SetMyCommands(commands: commands)
        _ = try await call("setMyCommands", parameters, timeout: requestTimeout) { body in
            try JSONDecoder().decode(TelegramEnvelope.Success<Bool>.self, from: body).result
        }
    }

    // MARK: The call

    private func call<Result>(
        _ method: String, _ parameters: some JSONWritable, headers: HTTPHeaders = [:], timeout: Duration,
        decode: (Data) throws -> Result
    ) async throws(ChannelError) -> Result {
        guard let url = methodURLs[method] else {
            throw ChannelError(.refused, method: method, detail: "not a method this client calls")
        }
        var writer = JSONWriter()
        parameters.write(to: &writer)
        let body = Data(writer.bytes)
        let response: HTTPResponse
        do {
            response = try await http.execute(.postJSON(url: url, body: body, headers: headers), timeout: timeout)
        } catch {
            if error.isCancellation { throw ChannelError(.cancelled, method: method) }
            throw ChannelError(.transport, method: method, detail: error.description)
        }
        if response.isSuccess, let result = try? decode(response.body) {
            return result
        }
        throw Self.error(for: response, method: method)
    }

    /// The error a response that is not a readable success stands for.
    static func error(for response: HTTPResponse, method: String) -> ChannelError {
        let failure = try? JSONDecoder().decode(TelegramEnvelope.Failure.self, from: response.body)
        if response.isSuccess && failure?.ok != false {
            return ChannelError(.malformedResponse, method: method, status: response.status, detail: "not the Bot API's JSON envelope")
        }
        // A 200 with `"ok": false` carries the real code in `error_code`.
        let status = response.isSuccess ? (failure?.errorCode ?? 500) : response.status
        let detail = Self.clean(failure?.description ?? "")
        let retryAfter = (failure?.parameters?.retryAfter ?? response.headers.first(name: "Retry-After").flatMap { Int($0) })
            .map { Duration.seconds(max(0, $0)) }
        let kind: ChannelError.Kind =
            switch status {
            case 401: .unauthorized
            case 404: .notFound
            case 409: .conflict
            case 429: .rateLimited
            case 400..<500: .refused
            default: .serverError
            }
        return ChannelError(kind, method: method, status: status, retryAfter: kind == .rateLimited ? retryAfter : nil, detail: detail)
    }

    /// A server's description, cut to one short line.
    static func clean(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count > 200 ? String(line.prefix(200)) + "…" : line
    }
}

/// The channel cannot be set up as configured (a bad base URL).
public struct ChannelSetupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong and how to fix it.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
