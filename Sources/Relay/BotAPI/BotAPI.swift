import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import RequestDecoding

/// The bot side: the subset of the Telegram Bot API the daemon uses, at `/bot<token>/<method>`, GET or POST,
/// with parameters in the query string or a JSON, form or multipart body.
struct BotAPI: Sendable {
    /// The single key bot polls wait on.
    enum PollKey: Hashable, Sendable {
        case bot
    }

    let context: RelayContext
    let tokenDigest: [UInt8]
    let me: Telegram.User
    let sendLimiter: RateLimiter<PollKey>?
    /// Idempotency keys whose `sendMessage` is being handled.
    let keysInProgress = KeysInProgress()
    /// The `Idempotency-Key` header field.
    static let idempotencyKeyField = HTTPField.Name("Idempotency-Key")

    init(context: RelayContext, tokenDigest: [UInt8], botID: Int64) {
        self.context = context
        self.tokenDigest = tokenDigest
        me = Telegram.User(
            id: botID, isBot: true, firstName: "HuabeiBot", username: "huabei_bot", canJoinGroups: false,
            canReadAllGroupMessages: false, supportsInlineQueries: false)
        sendLimiter = context.configuration.sendRate.map { RateLimiter(rate: $0, maxKeys: 1) }
    }

    /// Answers one call. The token is checked first, in constant time; then a planned fault, if any, applies.
    func respond(to request: Request, context requestContext: RelayRequestContext) async -> Response {
        let token = requestContext.parameters.get("token") ?? ""
        guard Secrets.constantTimeEquals(Secrets.digest(token), tokenDigest) else { return BotAPIError.unauthorized.response }
        let method = (requestContext.parameters.get("method") ?? "").lowercased()
        if let fault = context.faults?.next() {
            if let response = await apply(fault, channel: requestContext.channel) { return response }
        }
        do {
            let body: [UInt8]
            do {
                body = try await RequestBodyReader.collect(request, limit: context.configuration.maxBodySize)
            } catch is RequestBodyReader.TooLarge {
                throw BotAPIError.tooLarge
            }
            let parameters: RequestParameters
            do throws(RequestParameters.Failure) {
                parameters = try RequestParameters.parse(
                    query: request.uri.query, contentType: request.headers[.contentType], body: body)
            } catch {
                throw BotAPIError(error)
            }
            switch method {
            case "getme": return success(me)
            case "getupdates": return try await getUpdates(parameters)
            case "sendmessage":
                return try await sendMessage(parameters, idempotencyKey: Self.idempotencyKeyField.flatMap { request.headers[$0] })
            case "sendchataction": return try await sendChatAction(parameters)
            case "deletewebhook": return success(true)
            case "setmycommands": return try setMyCommands(parameters, body: body)
            case "getmycommands": return try getMyCommands(parameters, body: body)
            case "deletemycommands": return try deleteMyCommands(parameters, body: body)
            case "getwebhookinfo":
                let pending = (try? await context.store.pendingUpdateCount()) ?? 0
                return success(Telegram.WebhookInfo(url: "", hasCustomCertificate: false, pendingUpdateCount: pending))
            default: throw BotAPIError.notFound
            }
        } catch let error as BotAPIError {
            return error.response
        } catch {
            context.logger.error("bot API call failed", metadata: ["relay.method": "\(method)", "error": "\(error)"])
            return BotAPIError.internalError.response
        }
    }

    /// `getUpdates`: confirms by `offset`, returns at most `limit` updates, waits up to `timeout` seconds for one.
    func getUpdates(_ parameters: RequestParameters) async throws -> Response {
        let offset = try integer(parameters, "offset", in: Int64.min...Int64.max) ?? 0
        var limit = try integer(parameters, "limit", in: 0...100, expectation: "must be between 1 and 100") ?? 100
        if limit == 0 { limit = 100 }
        let maxTimeout = Int64(context.configuration.maxBotPollTimeout)
        let timeout =
            try integer(parameters, "timeout", in: 0...maxTimeout, expectation: "must be between 0 and \(maxTimeout)") ?? 0

        context.presence.pollStarted()
        defer { context.presence.pollEnded() }
        let ticket = context.botWaits.register(.bot, exclusive: true)
        defer { context.botWaits.unregister(ticket) }

        var updates = try await storeCall { try await context.store.updates(offset: offset, limit: Int(limit)) }
        if updates.isEmpty && timeout > 0 {
            switch await context.botWaits.wait(ticket, timeout: .seconds(timeout)) {
            case .conflict:
                throw BotAPIError.conflict
            case .notified:
                updates = try await storeCall { try await context.store.updates(offset: offset, limit: Int(limit)) }
            case .timedOut, .shutdown, .cancelled:
                break
            }
        }
        let result = updates.map { update in Telegram.Update(updateID: update.updateID, message: telegramMessage(update.message)) }
        return JSONResponse.write(Telegram.Success(result: result))
    }

    /// `sendMessage`: stores the bot's reply and wakes the browsers polling that chat.
    ///
    /// With an `Idempotency-Key` header, the key is stored with the message in the same transaction, and a later
    /// call with the same key answers the original message (same chat and text) and stores nothing, or gets 422
    /// (another chat or text); a repeat that arrives while the first is still being handled gets 409.
    func sendMessage(_ parameters: RequestParameters, idempotencyKey header: String? = nil) async throws -> Response {
        let chatID = try chatID(parameters)
        guard let text = parameters["text"]?.string, !text.trimmingWhitespace.isEmpty else { throw BotAPIError.textEmpty }
        guard text.utf16.count <= context.configuration.maxTextLength else { throw BotAPIError.textTooLong }
        var replyTo = try integer(parameters, "reply_to_message_id", in: Int64.min...Int64.max)
        if let id = replyTo, id <= 0 { replyTo = nil }
        let allowWithoutReply = parameters["allow_sending_without_reply"]?.bool ?? false
        var key: IdempotencyKey?
        if let header {
            guard let valid = IdempotencyKey(header: header) else { throw BotAPIError.invalidIdempotencyKey }
            key = valid
        }

        if let sendLimiter, case .limited(let retryAfter) = sendLimiter.acquire(.bot) {
            context.metrics.rateLimited("send")
            throw BotAPIError.tooManyRequests(retryAfter: retryAfter)
        }
        if let key {
            guard keysInProgress.begin(key) else { throw BotAPIError.idempotencyKeyInProgress }
        }
        defer { if let key { keysInProgress.end(key) } }
        let stored = try await storeCall {
            try await storeBotMessage(
                chatID: chatID, text: text, replyTo: replyTo, allowWithoutReply: allowWithoutReply, key: key)
        }
        if !stored.replayed {
            context.metrics.botReply()
            context.chatWaits.notify(chatID)
        }
        var message = telegramMessage(stored.message)
        if let replied = stored.repliedTo {
            let full = telegramMessage(replied)
            message.replyToMessage = Telegram.RepliedMessage(
                messageID: full.messageID, from: full.from, chat: full.chat, date: full.date, text: full.text)
        }
        return JSONResponse.write(Telegram.Success(result: message))
    }

    /// Stores the bot's message; with `allow_sending_without_reply`, a missing reply target is dropped instead.
    private func storeBotMessage(
        chatID: Int64, text: String, replyTo: Int64?, allowWithoutReply: Bool, key: IdempotencyKey?
    ) async throws(RelayStoreError) -> BotMessageOutcome {
        let now = Int64(Date().timeIntervalSince1970)
        let limit = context.configuration.maxMessagesPerChat
        let send = key.map { key in
            IdempotentSend(
                key: key.value, fingerprint: IdempotencyKey.fingerprint(chatID: chatID, text: text),
                lifetime: Int64(context.configuration.idempotencyKeyLifetime),
                maxKeys: context.configuration.maxIdempotencyKeys)
        }
        func append(replyTo: Int64?) async throws(RelayStoreError) -> BotMessageOutcome {
            if let send {
                return try await context.store.appendBotMessage(
                    chatID: chatID, text: text, date: now, replyTo: replyTo, maxMessagesPerChat: limit, idempotency: send)
            }
            let stored = try await context.store.appendBotMessage(
                chatID: chatID, text: text, date: now, replyTo: replyTo, maxMessagesPerChat: limit)
            return BotMessageOutcome(message: stored.message, repliedTo: stored.repliedTo, replayed: false)
        }
        do {
            return try await append(replyTo: replyTo)
        } catch {
            guard error == .replyNotFound, allowWithoutReply else { throw error }
            return try await append(replyTo: nil)
        }
    }

    /// `sendChatAction`: accepted for a known chat and otherwise ignored.
    func sendChatAction(_ parameters: RequestParameters) async throws -> Response {
        let chatID = try chatID(parameters)
        guard try await storeCall({ try await context.store.chat(id: chatID) }) != nil else { throw BotAPIError.chatNotFound }
        return success(true)
    }

    // MARK: Helpers

    private func success(_ result: some Encodable & Sendable) -> Response {
        JSONResponse.make(Telegram.Success(result: result))
    }

    /// A chat message in Telegram's shape: the person is a private-chat user whose id is the chat id.
    func telegramMessage(_ message: StoredMessage) -> Telegram.Message {
        let chat = Telegram.Chat(id: message.chatID, type: "private", firstName: Self.visitorName)
        let from =
            message.sender == .bot
            ? me
            : Telegram.User(id: message.chatID, isBot: false, firstName: Self.visitorName, languageCode: "zh-hans")
        return Telegram.Message(messageID: message.id, from: from, chat: chat, date: message.date, text: message.text)
    }

    /// The first name every web visitor has on the bot side.
    static let visitorName = "访客"

    private func chatID(_ parameters: RequestParameters) throws -> Int64 {
        guard let value = parameters["chat_id"], value != .null, value.string?.isEmpty == false else {
            throw BotAPIError.chatIDEmpty
        }
        // `@channelusername` and other non-numeric ids name no web chat.
        guard let chatID = value.integer else { throw BotAPIError.chatNotFound }
        return chatID
    }

    private func integer(
        _ parameters: RequestParameters, _ name: String, in range: ClosedRange<Int64>,
        expectation: String = "must be an integer"
    ) throws -> Int64? {
        guard let value = parameters[name], value != .null else { return nil }
        if case .string(let text) = value, text.isEmpty { return nil }
        guard let integer = value.integer else { throw BotAPIError.invalidParameter(name, "must be an integer") }
        guard range.contains(integer) else { throw BotAPIError.invalidParameter(name, expectation) }
        return integer
    }

    private func storeCall<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as RelayStoreError {
            throw Self.botError(error)
        }
    }

    private static func botError(_ error: RelayStoreError) -> BotAPIError {
        switch error.kind {
        case .chatNotFound: .chatNotFound
        case .replyNotFound: .replyNotFound
        case .chatFull: .chatFull
        case .idempotencyKeyMismatch: .idempotencyKeyMismatch
        case .tooManyIdempotencyKeys(let retryAfter): .tooManyRequests(retryAfter: retryAfter)
        default: .internalError
        }
    }

    /// Applies a planned fault. Returns the response to send instead of the call's own, or nil to go on.
    private func apply(_ fault: Fault, channel: any Channel) async -> Response? {
        context.logger.debug("fault hook fires", metadata: ["relay.fault": "\(fault.kind.rawValue)"])
        context.metrics.faultFired(fault.kind.rawValue)
        switch fault.kind {
        case .status500:
            return BotAPIError.internalError.response
        case .delay:
            try? await Task.sleep(for: .milliseconds(fault.delayMilliseconds))
            return nil
        case .malformed:
            return JSONResponse.raw(Array(#"{"ok":true,"result":[{"update_id":"#.utf8))
        case .drop:
            try? await channel.close()
            return Response(status: .internalServerError)
        case .tooManyRequests:
            return BotAPIError.tooManyRequests(retryAfter: fault.retryAfter).response
        }
    }
}
