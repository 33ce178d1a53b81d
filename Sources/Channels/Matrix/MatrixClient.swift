public import BotConfig
public import HTTP

import Foundation
import JSONWriting
import Synchronization

/// A Matrix homeserver (Synapse, …) as the daemon's chat channel, through the client-server API over any
/// ``HTTP/HTTPClient``:
///
/// - `getMe`: `GET /account/whoami` (and the display name, for mentions);
/// - polling: `GET /sync` with `since`, a long `timeout` and a filter that asks only for messages, memberships and
///   encryption; invitations are accepted (`POST /join`) before the batch is returned, and rooms whose size is not
///   known are counted (`GET /joined_members`); see ``MatrixRoomDirectory`` for what becomes an update;
/// - sending: `PUT /rooms/{roomId}/send/m.room.message/{txnId}` with the reply's permanent key as the transaction
///   id, so the server shows a resent reply once.
///
/// The access token travels only in the `Authorization` header, which nothing logs. Errors map to ``ChannelError``:
/// `M_UNKNOWN_TOKEN` and `M_MISSING_TOKEN` (401) are a refused token, `M_LIMIT_EXCEEDED` (429) carries
/// `retry_after_ms`, any other 4xx (404 too: it never means a bad token here) is a refusal, 5xx a server error.
public final class MatrixClient: ChatChannel {
    /// Always ``ChannelKind/matrix``.
    public let kind: ChannelKind = .matrix
    /// HTTP timeout of every call but `/sync`.
    public let requestTimeout: Duration
    /// Added to a `/sync` `timeout` to get its HTTP timeout, so a silent server is noticed.
    public let pollMargin: Duration
    /// Most timeline events one room returns in one `/sync`.
    public let timelineLimit: Int

    private let http: any HTTPClient
    private let base: String
    private let authorization: HTTPHeaders
    private let directory = Mutex<MatrixRoomDirectory?>(nil)

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - baseURL: The homeserver's client URL, `scheme://host[:port][/prefix]`, e.g. `https://matrix.example.org`.
    ///   - token: The bot account's access token.
    ///   - http: The HTTP client; its worker count must allow a long poll and a send at the same time.
    /// - Throws: ``ChannelSetupError`` when the base URL is not an absolute `http` or `https` URL.
    public init(
        baseURL: String, token: BotToken, http: any HTTPClient, requestTimeout: Duration = .seconds(15),
        pollMargin: Duration = .seconds(10), timelineLimit: Int = 100
    ) throws(ChannelSetupError) {
        base = try Self.normalize(baseURL)
        authorization = ["Authorization": "Bearer \(token.value)"]
        self.http = http
        self.requestTimeout = requestTimeout
        self.pollMargin = pollMargin
        self.timelineLimit = timelineLimit
    }

    static func normalize(_ baseURL: String) throws(ChannelSetupError) -> String {
        var base = baseURL.trimmingCharacters(in: .whitespaces)
        while base.hasSuffix("/") { base.removeLast() }
        guard let parsed = URL(string: base), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https",
            parsed.host?.isEmpty == false, parsed.query == nil
        else {
            throw ChannelSetupError("the base URL '\(baseURL)' is not an http or https URL such as https://matrix.example.org")
        }
        return base
    }

    // MARK: ChatChannel

    /// `whoami`: the bot's user id (``BotIdentity/username``) and display name (``BotIdentity/firstName``).
    public func getMe() async throws(ChannelError) -> BotIdentity {
        let whoami = try await call("whoami", .get, "/account/whoami") { body in
            try JSONDecoder().decode(WhoAmI.self, from: body)
        }
        let userID = whoami.userID
        // The display name helps to see mentions from clients that do not say whom they mention; without it the
        // user id still works.
        let displayName = try? await call("profile", .get, "/profile/\(MatrixIdentifier.pathSegment(userID))/displayname") { body in
            try JSONDecoder().decode(DisplayName.self, from: body).displayname
        }
        let mention = MatrixMention(userID: userID, displayName: (displayName ?? nil).flatMap { $0.isEmpty ? nil : $0 })
        directory.withLock { directory in
            if directory?.bot != mention { directory = MatrixRoomDirectory(bot: mention) }
        }
        return BotIdentity(id: MatrixIdentifier.number(userID), username: userID, firstName: mention.displayName ?? "")
    }

    /// Not supported: Matrix is polled with a token (``getUpdates(since:timeout:)``).
    public func getUpdates(offset: Int64, limit: Int, timeout: Int) async throws(ChannelError) -> UpdateBatch {
        throw ChannelError(.refused, method: "sync", detail: "Matrix is polled with a token, not an offset")
    }

    /// `/sync`: accepts the invitations it brings, counts the rooms it does not know, and returns the updates.
    public func getUpdates(since token: String?, timeout: Int) async throws(ChannelError) -> UpdateBatch {
        if directory.withLock({ $0 == nil }) { _ = try await getMe() }
        let waitSeconds = token == nil ? 0 : max(0, timeout)
        var query = [("filter", Self.filter(timelineLimit: timelineLimit)), ("timeout", String(waitSeconds * 1000))]
        if let token { query.append(("since", token)) }
        var sync = try await call("sync", .get, "/sync", query: query, timeout: .seconds(waitSeconds) + pollMargin) { body in
            try MatrixSync.read(body)
        }
        if let token {
            // A room with more new events than the filter's limit comes "limited": fetch what was left out, back to
            // the token this poll started from, so that no message is skipped.
            for (roomID, room) in sync.joined where room.limited {
                guard let previous = room.previousBatch else { continue }
                let missing = try await events(in: roomID, from: previous, backTo: token)
                sync.joined[roomID]?.timeline = missing + room.timeline
            }
        }
        let unknown = directory.withLock { $0?.absorb(sync) ?? [] }
        for roomID in unknown {
            do throws(ChannelError) {
                let count = try await joinedMemberCount(roomID)
                directory.withLock { $0?.setJoinedCount(count, for: roomID) }
            } catch {
                // A room the bot can no longer see is answered as a direct chat would be; anything else is retried.
                if !error.isPermanentRefusal { throw error }
            }
        }
        for roomID in sync.invited {
            do throws(ChannelError) {
                try await join(roomID)
            } catch {
                // A withdrawn invitation or a room that is gone: nothing to join. Anything else: the sync is polled
                // again from the same token, and the invitation comes again.
                if !error.isPermanentRefusal { throw error }
            }
        }
        let updates = directory.withLock { $0?.updates(of: sync, initial: token == nil) ?? [] }
        return UpdateBatch(updates: updates, nextToken: sync.nextBatch)
    }

    /// Yes: a send's transaction id makes a repeat return the first event instead of a second message.
    public var hasIdempotentReplies: Bool { true }

    /// Not supported without the room id: the daemon sends through ``send(_:)``.
    public func sendMessage(chatID: Int64, text: String, replyTo: Int64?) async throws(ChannelError) -> Int64 {
        throw ChannelError(.refused, method: "send", detail: "a Matrix reply needs its room id")
    }

    /// `PUT /rooms/{roomId}/send/m.room.message/{txnId}` with the message's key as the transaction id: a resend with
    /// the same key returns the first event instead of showing the text twice.
    public func send(_ message: OutgoingMessage) async throws(ChannelError) {
        guard let roomID = message.chatAddress else {
            throw ChannelError(.refused, method: "send", detail: "a Matrix reply needs its room id")
        }
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("msgtype", "m.text")
        writer.member("body", message.text)
        writer.endObject()
        // The daemon always gives the outbox row's key; a caller without one gets a send that is not repeat-safe.
        let transactionID = message.idempotencyKey ?? UUID().uuidString
        let path = "/rooms/\(MatrixIdentifier.pathSegment(roomID))/send/m.room.message/\(MatrixIdentifier.pathSegment(transactionID))"
        _ = try await call("send", .put, path, body: Data(writer.bytes)) { body in
            try JSONDecoder().decode(EventID.self, from: body)
        }
    }

    /// `POST /join/{roomId}`: accepts an invitation.
    public func join(_ roomID: String) async throws(ChannelError) {
        _ = try await call("join", .post, "/join/\(MatrixIdentifier.pathSegment(roomID))", body: Data("{}".utf8)) { body in
            try JSONDecoder().decode(RoomID.self, from: body)
        }
    }

    /// `GET /rooms/{roomId}/messages` backwards from `from` to `backTo`: the events in between, oldest first (at most
    /// ten pages of ``timelineLimit``).
    func events(in roomID: String, from: String, backTo: String) async throws(ChannelError) -> [MatrixEvent] {
        var collected: [MatrixEvent] = []
        var position = from
        let filter = #"{"types":["m.room.message","m.sticker","m.room.member","m.room.encryption","m.room.encrypted"]}"#
        for _ in 0..<10 {
            let page = try await call(
                "messages", .get, "/rooms/\(MatrixIdentifier.pathSegment(roomID))/messages",
                query: [("from", position), ("to", backTo), ("dir", "b"), ("limit", String(timelineLimit)), ("filter", filter)]
            ) { body in
                try JSONDecoder().decode(MessagesPage.self, from: body)
            }
            collected += page.chunk
            guard let end = page.end, !page.chunk.isEmpty else { break }
            position = end
        }
        return collected.reversed()
    }

    /// `GET /rooms/{roomId}/joined_members`: how many members the room has.
    public func joinedMemberCount(_ roomID: String) async throws(ChannelError) -> Int {
        try await call("joined_members", .get, "/rooms/\(MatrixIdentifier.pathSegment(roomID))/joined_members") { body in
            try JSONDecoder().decode(JoinedMembers.self, from: body).joined.count
        }
    }

    // MARK: Login

    /// `POST /login` with a password: returns a new access token for a device named `deviceName`.
    public static func login(
        baseURL: String, userID: String, password: String, deviceName: String = "HuabeiBot", http: any HTTPClient,
        timeout: Duration = .seconds(15)
    ) async throws(ChannelError) -> String {
        let base: String
        do {
            base = try normalize(baseURL)
        } catch {
            throw ChannelError(.refused, method: "login", detail: error.description)
        }
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("type", "m.login.password")
        writer.key("identifier")
        writer.beginObject()
        writer.member("type", "m.id.user")
        writer.member("user", userID)
        writer.endObject()
        writer.member("password", password)
        writer.member("initial_device_display_name", deviceName)
        writer.endObject()
        guard let url = URL(string: base + "/_matrix/client/v3/login") else {
            throw ChannelError(.refused, method: "login", detail: "cannot build the login URL")
        }
        let response: HTTPResponse
        do {
            response = try await http.execute(.postJSON(url: url, body: Data(writer.bytes)), timeout: timeout)
        } catch {
            if error.isCancellation { throw ChannelError(.cancelled, method: "login") }
            throw ChannelError(.transport, method: "login", detail: error.description)
        }
        if response.isSuccess, let login = try? JSONDecoder().decode(Login.self, from: response.body) {
            return login.accessToken
        }
        var error = Self.error(for: response, method: "login")
        // A wrong password is 403 M_FORBIDDEN: for the daemon, a refused credential like a refused token.
        if error.kind == .refused && error.status == 403 {
            error = ChannelError(.unauthorized, method: "login", status: 403, detail: error.detail)
        }
        throw error
    }

    // MARK: The call

    private func call<Result>(
        _ method: String, _ httpMethod: HTTPMethod, _ path: String, query: [(String, String)] = [], body: Data = Data(),
        timeout: Duration? = nil, decode: (Data) throws -> Result
    ) async throws(ChannelError) -> Result {
        var address = base + "/_matrix/client/v3" + path
        if !query.isEmpty {
            address += "?" + query.map { "\($0.0)=\(MatrixIdentifier.pathSegment($0.1))" }.joined(separator: "&")
        }
        guard let url = URL(string: address) else {
            throw ChannelError(.refused, method: method, detail: "cannot build the request URL")
        }
        var headers = authorization
        if !body.isEmpty { headers.replaceOrAdd(name: "Content-Type", value: "application/json") }
        let response: HTTPResponse
        do {
            response = try await http.execute(
                HTTPRequest(method: httpMethod, url: url, headers: headers, body: body), timeout: timeout ?? requestTimeout)
        } catch {
            if error.isCancellation { throw ChannelError(.cancelled, method: method) }
            throw ChannelError(.transport, method: method, detail: error.description)
        }
        if response.isSuccess {
            do {
                return try decode(response.body)
            } catch {
                throw ChannelError(.malformedResponse, method: method, status: response.status, detail: "not the expected JSON")
            }
        }
        throw Self.error(for: response, method: method)
    }

    /// The error a response that is not a success stands for.
    static func error(for response: HTTPResponse, method: String) -> ChannelError {
        let failure = try? JSONDecoder().decode(Failure.self, from: response.body)
        let detail = TelegramBotAPI.clean([failure?.errcode, failure?.error].compactMap { $0 }.joined(separator: ": "))
        let status = response.status
        switch (failure?.errcode ?? "", status) {
        case ("M_UNKNOWN_TOKEN", _), ("M_MISSING_TOKEN", _), (_, 401):
            return ChannelError(.unauthorized, method: method, status: status, detail: detail)
        case ("M_LIMIT_EXCEEDED", _), (_, 429):
            let header = response.headers.first(name: "Retry-After").flatMap { Int($0) }.map { Duration.seconds(max(0, $0)) }
            let retryAfter = failure?.retryAfterMilliseconds.map { Duration.milliseconds(max(0, $0)) } ?? header
            return ChannelError(.rateLimited, method: method, status: status, retryAfter: retryAfter, detail: detail)
        case (_, 400..<500):
            return ChannelError(.refused, method: method, status: status, detail: detail)
        default:
            return ChannelError(.serverError, method: method, status: status, detail: detail)
        }
    }

    /// The `/sync` filter: only messages, stickers, memberships and encryption; no presence, receipts, typing or
    /// account data; members loaded lazily (which also makes the server send each room's member counts).
    static func filter(timelineLimit: Int) -> String {
        let none = #"{"not_types":["*"]}"#
        let types = #"["m.room.message","m.sticker","m.room.member","m.room.encryption","m.room.encrypted"]"#
        return #"{"account_data":\#(none),"presence":\#(none),"room":{"account_data":\#(none),"ephemeral":\#(none),"#
            + #""state":{"types":["m.room.member","m.room.encryption"],"lazy_load_members":true},"#
            + #""timeline":{"types":\#(types),"limit":\#(timelineLimit),"lazy_load_members":true}}}"#
    }

    // MARK: Answers

    struct Failure: Decodable {
        var errcode: String?
        var error: String?
        var retryAfterMilliseconds: Int64?

        enum CodingKeys: String, CodingKey {
            case errcode, error
            case retryAfterMilliseconds = "retry_after_ms"
        }
    }

    struct WhoAmI: Decodable {
        var userID: String
        enum CodingKeys: String, CodingKey { case userID = "user_id" }
    }

    struct DisplayName: Decodable {
        var displayname: String?
    }

    struct EventID: Decodable {
        var eventID: String
        enum CodingKeys: String, CodingKey { case eventID = "event_id" }
    }

    struct RoomID: Decodable {
        var roomID: String
        enum CodingKeys: String, CodingKey { case roomID = "room_id" }
    }

    struct MessagesPage: Decodable {
        var chunk: [MatrixEvent]
        var end: String?
    }

    struct JoinedMembers: Decodable {
        var joined: [String: MatrixSync.Ignored]
    }

    struct Login: Decodable {
        var accessToken: String
        enum CodingKeys: String, CodingKey { case accessToken = "access_token" }
    }
}
