import Foundation

/// What the bot knows about the rooms it is in, kept between two `/sync` calls, and the rules that turn a `/sync`
/// answer into the daemon's updates. A pure value: ``MatrixClient`` performs the calls it asks for.
///
/// - A room of at most two members (joined plus invited: the bot and one person) is a direct chat: every message is
///   answered. In larger rooms only the messages that mention the bot (``MatrixMention``).
/// - The bot's own messages, edits (`m.replace`), notices (`m.notice`, what other bots send) and redacted events are
///   ignored; so are the messages of a room from before the bot was invited to it (history).
/// - An encrypted room (`m.room.encryption` in its state, or an `m.room.encrypted` event) gets one update asking for
///   the encrypted-room notice; the encrypted messages themselves cannot be read.
struct MatrixRoomDirectory: Sendable, Equatable {
    struct Room: Sendable, Equatable {
        var joinedCount: Int?
        var invitedCount: Int?
        var encrypted = false
        /// The encrypted-room notice was asked for in this process (the state store remembers it across restarts).
        var noticeAsked = false

        /// Members that make the room a group, when known.
        var memberCount: Int? { joinedCount.map { $0 + (invitedCount ?? 0) } }
    }

    /// What is called `ignored` updates for a group message that does not mention the bot.
    static let notAddressed = ChannelUpdate.notAddressed
    /// `contentKind` of the update that asks for the encrypted-room notice.
    static let encryptedKind = IncomingMessage.encryptedRoomKind

    let bot: MatrixMention
    private(set) var rooms: [String: Room] = [:]

    init(bot: MatrixMention) {
        self.bot = bot
    }

    /// Takes in the member counts and encryption of `sync`'s rooms; returns the joined rooms with messages to look at
    /// whose member count is unknown (their joined members must be counted: ``setJoinedCount(_:for:)``).
    mutating func absorb(_ sync: MatrixSync) -> [String] {
        var unknown: [String] = []
        for roomID in sync.left { rooms[roomID] = nil }
        for (roomID, joined) in sync.joined.sorted(by: { $0.key < $1.key }) {
            var room = rooms[roomID] ?? Room()
            let events = joined.state + joined.timeline
            if joined.joinedMemberCount != nil || joined.invitedMemberCount != nil {
                room.joinedCount = joined.joinedMemberCount ?? room.joinedCount
                room.invitedCount = joined.invitedMemberCount ?? room.invitedCount
            } else if events.contains(where: { $0.type == "m.room.member" }) {
                // Membership changed without a summary: count again.
                room.joinedCount = nil
                room.invitedCount = nil
            }
            if events.contains(where: { $0.type == "m.room.encryption" || $0.type == "m.room.encrypted" }) { room.encrypted = true }
            rooms[roomID] = room
            if room.memberCount == nil && joined.timeline.contains(where: { $0.type == "m.room.message" || $0.type == "m.sticker" }) {
                unknown.append(roomID)
            }
        }
        return unknown
    }

    /// The joined member count of a room (from `/joined_members`).
    mutating func setJoinedCount(_ count: Int, for roomID: String) {
        rooms[roomID, default: Room()].joinedCount = count
        rooms[roomID, default: Room()].invitedCount = nil
    }

    /// The updates of `sync`, rooms in id order and each room's events in timeline order. `initial`: the first sync
    /// of a new data directory, whose messages are history: none is returned.
    mutating func updates(of sync: MatrixSync, initial: Bool) -> [ChannelUpdate] {
        var updates: [ChannelUpdate] = []
        for (roomID, joined) in sync.joined.sorted(by: { $0.key < $1.key }) {
            var room = rooms[roomID] ?? Room()
            defer { rooms[roomID] = room }
            if initial {
                room.noticeAsked = room.encrypted
                continue
            }
            let chatID = MatrixIdentifier.number(roomID)
            let direct = (room.memberCount ?? 2) <= 2
            let chatType = direct ? "direct" : "room"
            if room.encrypted && !room.noticeAsked {
                room.noticeAsked = true
                let message = IncomingMessage(
                    messageID: 0, chatID: chatID, text: nil, contentKind: Self.encryptedKind, chatType: chatType, chatAddress: roomID)
                updates.append(ChannelUpdate(updateID: MatrixIdentifier.number("encryption notice " + roomID), content: .nonText(message)))
            }
            for event in Self.newEvents(joined.timeline, bot: bot.userID) {
                guard let update = update(for: event, roomID: roomID, chatID: chatID, chatType: chatType, direct: direct) else { continue }
                updates.append(update)
            }
        }
        return updates
    }

    /// The timeline's events after the bot's invitation or arrival, when the timeline holds them (a room just
    /// joined comes with some of its history); otherwise all of them.
    static func newEvents(_ timeline: [MatrixEvent], bot: String) -> ArraySlice<MatrixEvent> {
        let arrival = timeline.firstIndex { event in
            event.type == "m.room.member" && event.stateKey == bot
                && (event.membership == "invite" || (event.membership == "join" && event.previousMembership != "join"))
        }
        return arrival.map { timeline[($0 + 1)...] } ?? timeline[...]
    }

    private func update(for event: MatrixEvent, roomID: String, chatID: Int64, chatType: String, direct: Bool) -> ChannelUpdate? {
        guard event.type == "m.room.message" || event.type == "m.sticker", let eventID = event.eventID else { return nil }
        let updateID = MatrixIdentifier.number(eventID)
        func ignored(_ why: String) -> ChannelUpdate { ChannelUpdate(updateID: updateID, content: .ignored(why)) }
        if event.sender == bot.userID { return ignored("own message") }
        if event.relation == "m.replace" || event.hasNewContent { return ignored("edit") }
        if event.msgtype == "m.notice" { return ignored("notice") }
        if event.isRedacted || (event.body == nil && event.msgtype == nil && event.type == "m.room.message") { return ignored("redacted") }
        let isText = event.type == "m.room.message" && (event.msgtype == "m.text" || event.msgtype == "m.emote")
        var text = isText ? MatrixMention.withoutReplyFallback(event.body ?? "") : nil
        if !direct {
            guard let addressed = bot.addressedText(of: event, body: event.body.map(MatrixMention.withoutReplyFallback) ?? "") else {
                return ignored(Self.notAddressed)
            }
            if isText { text = addressed }
        }
        let kind = isText ? "text" : event.type == "m.sticker" ? "sticker" : (event.msgtype ?? "unknown").replacingOccurrences(of: "m.", with: "")
        let message = IncomingMessage(
            messageID: updateID, chatID: chatID, text: text, contentKind: kind, date: (event.originServerTS ?? 0) / 1000,
            chatType: chatType, chatAddress: roomID)
        return ChannelUpdate(updateID: updateID, content: text == nil ? .nonText(message) : .text(message))
    }
}

extension IncomingMessage {
    /// `contentKind` of the update a Matrix room sends once when it is encrypted: the bot answers with a plain notice
    /// that it cannot read encrypted rooms.
    public static let encryptedRoomKind = "encrypted_room"
}
