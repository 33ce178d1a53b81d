import Foundation
import HTTPTypes
import Hummingbird
import Logging
import RequestDecoding

/// The people side: create a chat, post a message, long-poll a chat's messages, read the bot's status. Any front
/// end can use it; the page at `/` does.
struct PeopleAPI: Sendable {
    /// Most messages one poll returns; the page asks again while it gets full pages.
    static let pageSize: Int64 = 100

    let context: RelayContext
    let chatLimiter: RateLimiter<Int64>?
    let addressLimiter: RateLimiter<String>?
    /// Compared against when the chat is unknown, so an unknown chat costs the same time as a wrong token.
    private let decoyDigest = Secrets.digest(Secrets.randomToken(byteCount: 32))

    init(context: RelayContext) {
        self.context = context
        chatLimiter = context.configuration.chatMessageRate.map { RateLimiter(rate: $0) }
        addressLimiter = context.configuration.addressRate.map { RateLimiter(rate: $0) }
    }

    /// `POST /api/chats`: a new chat with a random public id (128 bits) and token (256 bits).
    func createChat(_ request: Request, context requestContext: RelayRequestContext) async -> Response {
        await answer {
            try limitAddress(request, requestContext)
            let publicID = Secrets.randomToken(byteCount: 16)
            let token = Secrets.randomToken(byteCount: 32)
            do throws(RelayStoreError) {
                _ = try await context.store.createChat(
                    publicID: publicID, tokenDigest: Secrets.digest(token), now: Self.now(),
                    maxChats: context.configuration.maxChats)
            } catch {
                throw error == .relayFull ? PeopleAPIError.relayFull : PeopleAPIError.internalError
            }
            context.metrics.chatCreated()
            return JSONResponse.make(People.CreatedChat(chatID: publicID, token: token), status: .created)
        }
    }

    /// `POST /api/chats/{chat_id}/messages` with `{"text": "…"}`: stores the message and queues it for the bot.
    func postMessage(_ request: Request, context requestContext: RelayRequestContext) async -> Response {
        await answer {
            try limitAddress(request, requestContext)
            let chat = try await authenticate(request, requestContext)
            let body: [UInt8]
            do {
                body = try await RequestBodyReader.collect(request, limit: context.configuration.maxBodySize)
            } catch is RequestBodyReader.TooLarge {
                throw PeopleAPIError.tooLarge
            }
            let fields: [String: ParameterValue]
            do throws(RequestParameters.Failure) {
                fields = try RequestParameters.jsonObject(body)
            } catch {
                throw PeopleAPIError(error)
            }
            guard case .string(let text) = fields["text"] else { throw PeopleAPIError.missingText }
            guard !text.trimmingWhitespace.isEmpty else { throw PeopleAPIError.emptyText }
            let limit = context.configuration.maxTextLength
            guard text.utf16.count <= limit else { throw PeopleAPIError.textTooLong(limit: limit) }
            if let chatLimiter, case .limited(let retryAfter) = chatLimiter.acquire(chat.id) {
                context.metrics.rateLimited("chat")
                throw PeopleAPIError.rateLimited(retryAfter: retryAfter)
            }
            let update: PendingUpdate
            do throws(RelayStoreError) {
                update = try await context.store.appendUserMessage(
                    chatID: chat.id, text: text, date: Self.now(),
                    maxPendingUpdates: context.configuration.maxPendingUpdates,
                    maxMessagesPerChat: context.configuration.maxMessagesPerChat)
            } catch {
                switch error.kind {
                case .queueFull: throw PeopleAPIError.queueFull
                case .chatFull: throw PeopleAPIError.chatFull
                default: throw PeopleAPIError.internalError
                }
            }
            context.metrics.personMessage()
            context.botWaits.notify(.bot)
            context.chatWaits.notify(chat.id)
            return JSONResponse.write(People.CreatedMessage(id: update.message.id), status: .created)
        }
    }

    /// `GET /api/chats/{chat_id}/messages?after=N&timeout=S`: messages with ids above `after`, waiting up to `timeout`
    /// seconds for one.
    func messages(_ request: Request, context requestContext: RelayRequestContext) async -> Response {
        await answer {
            try limitAddress(request, requestContext)
            let chat = try await authenticate(request, requestContext)
            let query: RequestParameters
            do throws(RequestParameters.Failure) {
                query = try RequestParameters.parse(query: request.uri.query, contentType: nil, body: [])
            } catch {
                throw PeopleAPIError(error)
            }
            let after = try integer(query, "after", in: 0...Int64.max, expectation: "must be 0 or more") ?? 0
            let maxTimeout = Int64(context.configuration.maxChatPollTimeout)
            let timeout =
                try integer(query, "timeout", in: 0...maxTimeout, expectation: "must be between 0 and \(maxTimeout)") ?? 0
            let limit = try integer(query, "limit", in: 1...Self.pageSize, expectation: "must be between 1 and \(Self.pageSize)")
                ?? Self.pageSize

            let ticket = context.chatWaits.register(chat.id)
            defer { context.chatWaits.unregister(ticket) }
            var messages = try await read(chatID: chat.id, after: after, limit: limit)
            if messages.isEmpty && timeout > 0 {
                if await context.chatWaits.wait(ticket, timeout: .seconds(timeout)) == .notified {
                    messages = try await read(chatID: chat.id, after: after, limit: limit)
                }
            }
            let body = People.Messages(
                messages: messages.map { People.Message(id: $0.id, from: $0.sender, text: $0.text, time: $0.date) })
            return JSONResponse.write(body)
        }
    }

    /// `GET /api/status`: whether the bot is online (polling now or recently) and whether a `getUpdates` is waiting
    /// right now. Tells nothing about any chat.
    func status(_ request: Request, context requestContext: RelayRequestContext) async -> Response {
        await answer {
            try limitAddress(request, requestContext)
            let status = context.presence.status()
            return JSONResponse.make(
                People.Status(
                    botOnline: status.online, botPolling: context.botWaits.waitingCount(for: .bot) > 0, botLastSeenSecondsAgo: status.lastSeenSecondsAgo,
                    offlineAfterSeconds: context.configuration.botOfflineAfter))
        }
    }

    // MARK: Helpers

    private func answer(_ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let error as PeopleAPIError {
            return error.response
        } catch {
            context.logger.error("people API call failed", metadata: ["error": "\(error)"])
            return PeopleAPIError.internalError.response
        }
    }

    private func limitAddress(_ request: Request, _ requestContext: RelayRequestContext) throws {
        guard let addressLimiter else { return }
        let client = requestContext.clientAddress(request, trustedProxies: context.configuration.trustedProxies)
        if case .limited(let retryAfter) = addressLimiter.acquire(client) {
            context.metrics.rateLimited("address")
            throw PeopleAPIError.rateLimited(retryAfter: retryAfter)
        }
    }

    /// The chat named in the path, if the bearer token is its token. Every failure is the same 401.
    private func authenticate(_ request: Request, _ requestContext: RelayRequestContext) async throws -> StoredChat {
        guard let publicID = requestContext.parameters.get("chat_id"), let token = Self.bearerToken(request) else {
            throw PeopleAPIError.unauthorized
        }
        let chat: StoredChat?
        do {
            chat = try await context.store.chat(publicID: publicID)
        } catch {
            throw PeopleAPIError.internalError
        }
        let matches = Secrets.constantTimeEquals(Secrets.digest(token), chat?.tokenDigest ?? decoyDigest)
        guard let chat, matches else { throw PeopleAPIError.unauthorized }
        return chat
    }

    static func bearerToken(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = String(parts[1]).trimmingWhitespace
        return token.isEmpty ? nil : String(token)
    }

    private func read(chatID: Int64, after: Int64, limit: Int64) async throws -> [StoredMessage] {
        do {
            return try await context.store.messages(chatID: chatID, after: after, limit: Int(limit))
        } catch {
            throw PeopleAPIError.internalError
        }
    }

    private func integer(
        _ parameters: RequestParameters, _ name: String, in range: ClosedRange<Int64>,
        expectation: String = "must be an integer"
    ) throws -> Int64? {
        guard let value = parameters[name], value != .string("") else { return nil }
        guard let integer = value.integer else { throw PeopleAPIError.invalidParameter(name, "must be an integer") }
        guard range.contains(integer) else { throw PeopleAPIError.invalidParameter(name, expectation) }
        return integer
    }

    static func now() -> Int64 {
        Int64(Date().timeIntervalSince1970)
    }
}
