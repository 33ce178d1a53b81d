import BotConfig
@testable import Channels
import Foundation
import HTTP
import Testing

/// `/sync` answers into updates: direct chats, groups and mentions, what is ignored, encryption, invitations.
struct MatrixSyncTests {
    typealias F = MatrixFixtures

    static func client(_ http: FakeHTTPClient) throws -> MatrixClient {
        try MatrixClient(
            baseURL: "http://127.0.0.1:8008/", token: BotToken("syt_aHVhYmVp_secretsecret_0abc"), http: http,
            requestTimeout: .seconds(7), pollMargin: .seconds(10))
    }

    /// Polls once after `getMe`; returns the batch and the HTTP calls made for the poll.
    static func poll(_ sync: String, since: String? = "s1", more: [Result<HTTPResponse, HTTPClientError>] = []) async throws
        -> (UpdateBatch, [FakeHTTPClient.Call])
    {
        let http = FakeHTTPClient([F.whoami, F.displayName, F.response(sync)] + more)
        let client = try client(http)
        _ = try await client.getMe()
        let batch = try await client.getUpdates(since: since, timeout: 30)
        return (batch, Array(http.calls.dropFirst(2)))
    }

    @Test func syncLongPollsWithSinceTimeoutFilterAndBearerToken() async throws {
        let (batch, calls) = try await Self.poll(F.sync(next: "s99"))
        #expect(batch.nextToken == "s99")
        #expect(batch.updates.isEmpty)
        let call = try #require(calls.first)
        #expect(call.request.method == .get)
        let components = try #require(URLComponents(url: call.request.url, resolvingAgainstBaseURL: false))
        #expect(components.path == "/_matrix/client/v3/sync")
        let query = Dictionary(uniqueKeysWithValues: (components.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        #expect(query["since"] == "s1")
        #expect(query["timeout"] == "30000")
        let filter = try #require(query["filter"]).data(using: .utf8)!
        let parsed = try #require(try JSONSerialization.jsonObject(with: filter) as? [String: Any])
        let room = try #require(parsed["room"] as? [String: Any])
        let timeline = try #require(room["timeline"] as? [String: Any])
        #expect((timeline["types"] as? [String])?.contains("m.room.message") == true)
        #expect(call.request.headers.first(name: "Authorization") == "Bearer syt_aHVhYmVp_secretsecret_0abc")
        #expect(call.timeout == .seconds(40))
    }

    @Test func directChatMessagesAreAnsweredInOrderWithTheirLineBreaks() async throws {
        let room = F.room([F.text("花呗冻结了", id: "$a"), F.text("第一行\n第二行", id: "$b")], joined: 2, invited: 0)
        let (batch, _) = try await Self.poll(F.sync(join: [F.direct: room]))
        #expect(batch.updates.count == 2)
        let first = try #require(batch.updates.first?.message)
        #expect(first.text == "花呗冻结了")
        #expect(first.chatAddress == F.direct)
        #expect(first.chatID == MatrixIdentifier.number(F.direct))
        #expect(first.chatType == "direct")
        #expect(batch.updates[1].message?.text == "第一行\n第二行")
        #expect(batch.updates[0].updateID == MatrixIdentifier.number("$a"))
    }

    @Test func groupRoomsAnswerOnlyMentionsAndTakeTheMentionOut() async throws {
        let room = F.room(
            [
                F.text("大家好", id: "$1"),
                F.text("HuabeiBot: 花呗冻结了", id: "$2", extra: #","m.mentions":{"user_ids":["@huabei:localhost"]}"#),
                F.text("HuabeiBot 你好", id: "$3", extra: #","m.mentions":{}"#),
                F.text("@huabei:localhost 怎么解冻", id: "$4"),
                F.text("请看 HuabeiBot", id: "$5", extra: #","format":"org.matrix.custom.html","formatted_body":"<a href=\"https://matrix.to/#/@huabei:localhost\">HuabeiBot</a>""#),
            ], joined: 3, invited: 0)
        let (batch, _) = try await Self.poll(F.sync(join: [F.group: room]))
        let texts = batch.updates.map { $0.message?.text }
        #expect(texts == [nil, "花呗冻结了", nil, "怎么解冻", "请看 HuabeiBot"])
        #expect(batch.updates[0].content == .ignored(ChannelUpdate.notAddressed))
        #expect(batch.updates[2].content == .ignored(ChannelUpdate.notAddressed))
        #expect(batch.updates[1].message?.chatType == "room")
    }

    @Test func ownMessagesEditsNoticesAndRedactionsAreIgnored() async throws {
        let room = F.room(
            [
                F.text("我的回复", from: F.bot, id: "$own"),
                F.text("* 改过", id: "$edit", extra: #","m.new_content":{"msgtype":"m.text","body":"改过"},"m.relates_to":{"rel_type":"m.replace","event_id":"$a"}"#),
                #"{"type":"m.room.message","sender":"@other:localhost","event_id":"$notice","content":{"msgtype":"m.notice","body":"another bot"}}"#,
                #"{"type":"m.room.message","sender":"@alice:localhost","event_id":"$gone","content":{},"unsigned":{"redacted_because":{}}}"#,
                #"{"type":"m.room.message","sender":"@alice:localhost","event_id":"$img","content":{"msgtype":"m.image","body":"cat.png","url":"mxc://x/y"}}"#,
            ], joined: 2)
        let (batch, _) = try await Self.poll(F.sync(join: [F.direct: room]))
        #expect(batch.updates.map(\.content).prefix(4) == [.ignored("own message"), .ignored("edit"), .ignored("notice"), .ignored("redacted")])
        guard case .nonText(let image) = batch.updates[4].content else {
            Issue.record("an image is a message without text")
            return
        }
        #expect(image.contentKind == "image")
    }

    @Test func aReplyFallbackIsTakenOut() async throws {
        let body = "> <@huabei:localhost> 您的花呗是否逾期？\n\n是的"
        let room = F.room([F.text(body, id: "$r", extra: #","m.relates_to":{"m.in_reply_to":{"event_id":"$q"}}"#)], joined: 2)
        let (batch, _) = try await Self.poll(F.sync(join: [F.direct: room]))
        #expect(batch.updates.first?.message?.text == "是的")
    }

    @Test func historyBeforeTheBotArrivedIsNotAnswered() async throws {
        let room = F.room(
            [
                F.text("old", id: "$old"),
                F.member(F.bot, "invite", id: "$inv"),
                F.text("sent while invited", id: "$while"),
                F.member(F.bot, "join", id: "$join", previous: "invite"),
                F.text("after", id: "$after"),
            ], joined: 2)
        let (batch, _) = try await Self.poll(F.sync(join: [F.direct: room]))
        #expect(batch.updates.map { $0.message?.text } == ["sent while invited", "after"])
    }

    @Test func theVeryFirstSyncAnswersNothingAndDoesNotWait() async throws {
        let room = F.room([F.text("history", id: "$h")], joined: 2)
        let (batch, calls) = try await Self.poll(F.sync(next: "s5", join: [F.direct: room]), since: nil)
        #expect(batch.updates.isEmpty)
        #expect(batch.nextToken == "s5")
        let call = try #require(calls.first)
        let components = try #require(URLComponents(url: call.request.url, resolvingAgainstBaseURL: false))
        #expect(components.queryItems?.contains { $0.name == "since" } == false)
        #expect(components.queryItems?.first { $0.name == "timeout" }?.value == "0")
    }

    @Test func invitationsAreAcceptedBeforeTheBatchReturns() async throws {
        let (batch, calls) = try await Self.poll(
            F.sync(invite: [F.direct]), more: [F.response(#"{"room_id":"!dm:localhost"}"#)])
        #expect(batch.updates.isEmpty)
        let join = try #require(calls.last)
        #expect(join.request.method == .post)
        #expect(join.request.url.absoluteString == "http://127.0.0.1:8008/_matrix/client/v3/join/%21dm%3Alocalhost")
    }

    @Test func aFailedJoinFailsThePollSoTheInvitationComesAgain() async throws {
        await #expect(throws: ChannelError.self) {
            _ = try await Self.poll(F.sync(invite: [F.direct]), more: [F.response("{}", status: 502)])
        }
        // A withdrawn invitation (403) is skipped.
        let (batch, _) = try await Self.poll(
            F.sync(next: "s8", invite: [F.direct]), more: [F.response(#"{"errcode":"M_FORBIDDEN","error":"no"}"#, status: 403)])
        #expect(batch.nextToken == "s8")
    }

    @Test func anEncryptedRoomAsksForTheNoticeOnceAndItsMessagesAreNotRead() async throws {
        let encryption = #"{"type":"m.room.encryption","state_key":"","sender":"@alice:localhost","event_id":"$enc","content":{"algorithm":"m.megolm.v1.aes-sha2"}}"#
        let encrypted = #"{"type":"m.room.encrypted","sender":"@alice:localhost","event_id":"$e1","content":{"algorithm":"m.megolm.v1.aes-sha2","ciphertext":"..."}}"#
        let http = FakeHTTPClient([
            F.whoami, F.displayName,
            F.response(F.sync(join: [F.secret: F.room([encrypted], joined: 2, state: [encryption])])),
            F.response(F.sync(join: [F.secret: F.room([encrypted.replacingOccurrences(of: "$e1", with: "$e2")])])),
        ])
        let client = try Self.client(http)
        let first = try await client.getUpdates(since: "s1", timeout: 30)
        #expect(first.updates.count == 1)
        guard case .nonText(let notice) = try #require(first.updates.first).content else {
            Issue.record("the notice is asked for as a message without text")
            return
        }
        #expect(notice.contentKind == IncomingMessage.encryptedRoomKind)
        #expect(notice.chatAddress == F.secret)
        let second = try await client.getUpdates(since: "s2", timeout: 30)
        #expect(second.updates.isEmpty)
    }

    @Test func aRoomOfUnknownSizeIsCounted() async throws {
        let room = F.room([F.text("在吗", id: "$x")])
        let members = F.response(#"{"joined":{"@huabei:localhost":{},"@alice:localhost":{},"@bob:localhost":{}}}"#)
        let (batch, calls) = try await Self.poll(F.sync(join: [F.group: room]), more: [members])
        #expect(calls.last?.request.url.path == "/_matrix/client/v3/rooms/!group:localhost/joined_members")
        #expect(batch.updates.first?.content == .ignored(ChannelUpdate.notAddressed))
    }

    @Test func oneOddEventDoesNotSpoilTheBatch() async throws {
        let room = F.room([#"{"type":"m.room.message","content":"not an object"}"#, #"42"#, F.text("好的", id: "$ok")], joined: 2)
        let (batch, _) = try await Self.poll(F.sync(join: [F.direct: room]))
        #expect(batch.updates.map { $0.message?.text } == ["好的"])
    }
}

/// A gappy `/sync`: the messages the server left out are fetched with `/messages`.
struct MatrixGapTests {
    typealias F = MatrixFixtures

    @Test func aLimitedTimelineIsCompletedBackToTheToken() async throws {
        let room = F.room([F.text("三", id: "$3")], joined: 2, limited: true)
        let page = F.response(#"{"chunk":[\#(F.text("二", id: "$2")),\#(F.text("一", id: "$1"))],"start":"p1","end":"t0"}"#)
        let last = F.response(#"{"chunk":[],"start":"t0"}"#)
        let (batch, calls) = try await MatrixSyncTests.poll(F.sync(join: [F.direct: room]), since: "s1", more: [page, last])
        #expect(batch.updates.map { $0.message?.text } == ["一", "二", "三"])
        let messages = try #require(calls.dropFirst().first)
        let components = try #require(URLComponents(url: messages.request.url, resolvingAgainstBaseURL: false))
        #expect(components.path == "/_matrix/client/v3/rooms/!dm:localhost/messages")
        let query = Dictionary(uniqueKeysWithValues: (components.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        #expect(query["from"] == "p1")
        #expect(query["to"] == "s1")
        #expect(query["dir"] == "b")
    }
}
