import Foundation

/// The parts of a `/sync` answer the bot reads, decoded leniently: unknown fields are ignored, and an event that
/// cannot be read becomes an event without a type (skipped), so one odd event cannot spoil the batch. Only a body
/// that is not JSON, or has no `next_batch`, is unreadable as a whole.
struct MatrixSync: Decodable, Sendable, Equatable {
    var nextBatch: String
    var joined: [String: JoinedRoom]
    var invited: [String]
    var left: [String]

    struct JoinedRoom: Decodable, Sendable, Equatable {
        var joinedMemberCount: Int?
        var invitedMemberCount: Int?
        /// State before the timeline (a gappy sync, or a room just joined).
        var state: [MatrixEvent]
        var timeline: [MatrixEvent]
        /// Messages between the last sync and this timeline were left out.
        var limited: Bool
        /// Where the left-out messages end (for `/messages`).
        var previousBatch: String?

        enum CodingKeys: String, CodingKey {
            case summary, state, timeline
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let summary = try? container.nestedContainer(keyedBy: AnyKey.self, forKey: .summary)
            joinedMemberCount = (try? summary?.decodeIfPresent(Int.self, forKey: AnyKey("m.joined_member_count"))) ?? nil
            invitedMemberCount = (try? summary?.decodeIfPresent(Int.self, forKey: AnyKey("m.invited_member_count"))) ?? nil
            state = (try? container.decodeIfPresent(EventList.self, forKey: .state))?.events ?? []
            let timeline = try? container.nestedContainer(keyedBy: AnyKey.self, forKey: .timeline)
            self.timeline = (try? timeline?.decodeIfPresent([MatrixEvent].self, forKey: AnyKey("events"))) ?? []
            limited = ((try? timeline?.decodeIfPresent(Bool.self, forKey: AnyKey("limited"))) ?? nil) ?? false
            previousBatch = (try? timeline?.decodeIfPresent(String.self, forKey: AnyKey("prev_batch"))) ?? nil
        }

        init(
            joinedMemberCount: Int? = nil, invitedMemberCount: Int? = nil, state: [MatrixEvent] = [], timeline: [MatrixEvent],
            limited: Bool = false, previousBatch: String? = nil
        ) {
            self.joinedMemberCount = joinedMemberCount
            self.invitedMemberCount = invitedMemberCount
            self.state = state
            self.timeline = timeline
            self.limited = limited
            self.previousBatch = previousBatch
        }
    }

    struct EventList: Decodable {
        var events: [MatrixEvent]?
    }

    enum CodingKeys: String, CodingKey {
        case nextBatch = "next_batch"
        case rooms
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        nextBatch = try container.decode(String.self, forKey: .nextBatch)
        let rooms = try? container.nestedContainer(keyedBy: AnyKey.self, forKey: .rooms)
        joined = (try? rooms?.decodeIfPresent([String: JoinedRoom].self, forKey: AnyKey("join"))) ?? [:]
        invited = ((try? rooms?.decodeIfPresent([String: Ignored].self, forKey: AnyKey("invite"))) ?? nil)?.keys.sorted() ?? []
        left = ((try? rooms?.decodeIfPresent([String: Ignored].self, forKey: AnyKey("leave"))) ?? nil)?.keys.sorted() ?? []
    }

    init(nextBatch: String, joined: [String: JoinedRoom] = [:], invited: [String] = [], left: [String] = []) {
        self.nextBatch = nextBatch
        self.joined = joined
        self.invited = invited
        self.left = left
    }

    /// Reads a `/sync` body; throws when it is not JSON or has no `next_batch`.
    static func read(_ body: Data) throws -> MatrixSync {
        try JSONDecoder().decode(MatrixSync.self, from: body)
    }

    /// Anything at all, unread.
    struct Ignored: Decodable {
        init(from decoder: any Decoder) {}
    }
}

/// One room event, with the content fields the bot looks at. Never fails to decode: what cannot be read is nil.
struct MatrixEvent: Decodable, Sendable, Equatable {
    var type: String?
    var eventID: String?
    var sender: String?
    var stateKey: String?
    var originServerTS: Int64?
    /// `m.text`, `m.notice`, `m.image`, …
    var msgtype: String?
    var body: String?
    var formattedBody: String?
    /// `m.room.member`: `join`, `invite`, `leave`, …
    var membership: String?
    /// `m.relates_to.rel_type`: `m.replace` for an edit.
    var relation: String?
    /// `m.relates_to.m.in_reply_to.event_id`.
    var inReplyTo: String?
    /// `m.mentions.user_ids`, when the sender's client says whom it mentions (nil: the client does not say).
    var mentionedUserIDs: [String]?
    /// `m.new_content` is there: an edit.
    var hasNewContent: Bool
    /// The event was redacted (its content is empty).
    var isRedacted: Bool
    /// `unsigned.prev_content.membership`: the sender's membership before this member event.
    var previousMembership: String?

    init(from decoder: any Decoder) {
        let container = try? decoder.container(keyedBy: AnyKey.self)
        func string(_ key: String, in container: KeyedDecodingContainer<AnyKey>?) -> String? {
            (try? container?.decodeIfPresent(String.self, forKey: AnyKey(key))) ?? nil
        }
        type = string("type", in: container)
        eventID = string("event_id", in: container)
        sender = string("sender", in: container)
        stateKey = string("state_key", in: container)
        originServerTS = (try? container?.decodeIfPresent(Int64.self, forKey: AnyKey("origin_server_ts"))) ?? nil
        let content = try? container?.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("content"))
        msgtype = string("msgtype", in: content)
        body = string("body", in: content)
        formattedBody = string("formatted_body", in: content)
        membership = string("membership", in: content)
        let relatesTo = try? content?.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("m.relates_to"))
        relation = string("rel_type", in: relatesTo)
        let replyTo = try? relatesTo?.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("m.in_reply_to"))
        inReplyTo = string("event_id", in: replyTo)
        let mentions = try? content?.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("m.mentions"))
        if let mentions {
            mentionedUserIDs = ((try? mentions.decodeIfPresent([String].self, forKey: AnyKey("user_ids"))) ?? nil) ?? []
        }
        hasNewContent = content?.contains(AnyKey("m.new_content")) ?? false
        let unsigned = try? container?.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("unsigned"))
        isRedacted = unsigned?.contains(AnyKey("redacted_because")) ?? false
        let previous = try? unsigned?.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("prev_content"))
        previousMembership = string("membership", in: previous)
    }

    init(
        type: String, eventID: String, sender: String, stateKey: String? = nil, msgtype: String? = nil, body: String? = nil,
        membership: String? = nil
    ) {
        self.type = type
        self.eventID = eventID
        self.sender = sender
        self.stateKey = stateKey
        self.msgtype = msgtype
        self.body = body
        self.membership = membership
        hasNewContent = false
        isRedacted = false
    }
}
