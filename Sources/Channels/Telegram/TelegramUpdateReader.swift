import Foundation

/// Reads `getUpdates` results leniently: unknown fields are ignored, an update that cannot be read is reported
/// and skipped, and the others are kept.
enum TelegramUpdateReader {
    /// Reads a success envelope's `result` array. Throws only when the envelope itself is unreadable.
    static func read(_ body: Data) throws -> UpdateBatch {
        if let batch = UpdateBatchScanner.batch(in: body) { return batch }
        return try decode(body)
    }

    /// Decodes a success envelope's `result` array with `JSONDecoder`; the reference for ``UpdateBatchScanner``.
    static func decode(_ body: Data) throws -> UpdateBatch {
        let envelope = try JSONDecoder().decode(TelegramEnvelope.Success<[Slot]>.self, from: body)
        var batch = UpdateBatch(updates: [])
        for slot in envelope.result {
            switch slot.outcome {
            case .update(let update): batch.updates.append(update)
            case .malformed(let malformed): batch.malformed.append(malformed)
            }
        }
        batch.updates.sort { $0.updateID < $1.updateID }
        return batch
    }

    /// Fields of a message that mark a service message: nothing to answer.
    static let serviceFields: [String] = [
        "new_chat_members", "left_chat_member", "new_chat_title", "new_chat_photo", "delete_chat_photo",
        "group_chat_created", "supergroup_chat_created", "channel_chat_created", "migrate_to_chat_id",
        "migrate_from_chat_id", "pinned_message", "message_auto_delete_timer_changed", "forum_topic_created",
        "forum_topic_edited", "forum_topic_closed", "forum_topic_reopened", "general_forum_topic_hidden",
        "general_forum_topic_unhidden", "video_chat_scheduled", "video_chat_started", "video_chat_ended",
        "video_chat_participants_invited", "write_access_allowed", "users_shared", "chat_shared",
        "proximity_alert_triggered", "boost_added", "chat_background_set", "connected_website",
    ]

    /// Fields of a message that hold non-text content, in the order they are reported.
    static let mediaFields: [String] = [
        "sticker", "photo", "animation", "video", "video_note", "voice", "audio", "document", "contact",
        "location", "venue", "poll", "dice", "game", "story", "invoice", "paid_media",
    ]

    /// One element of `result`; never throws, so one bad update cannot spoil the batch.
    struct Slot: Decodable {
        enum Outcome {
            case update(ChannelUpdate)
            case malformed(MalformedUpdate)
        }

        let outcome: Outcome

        init(from decoder: any Decoder) {
            guard let container = try? decoder.container(keyedBy: AnyKey.self) else {
                outcome = .malformed(MalformedUpdate(updateID: nil, reason: "the update is not a JSON object"))
                return
            }
            guard let updateID = try? container.decode(Int64.self, forKey: AnyKey("update_id")) else {
                outcome = .malformed(MalformedUpdate(updateID: nil, reason: "update_id is missing or not an integer"))
                return
            }
            do {
                outcome = .update(ChannelUpdate(updateID: updateID, content: try TelegramUpdateReader.content(of: container)))
            } catch {
                outcome = .malformed(MalformedUpdate(updateID: updateID, reason: TelegramUpdateReader.explain(error)))
            }
        }
    }

    /// What an update holds.
    static func content(of update: KeyedDecodingContainer<AnyKey>) throws -> ChannelUpdate.Content {
        guard update.contains(AnyKey("message")) else {
            let kind = update.allKeys.map(\.stringValue).first { $0 != "update_id" } ?? "empty update"
            return .ignored(kind)
        }
        let message = try update.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("message"))
        let messageID = try message.decode(Int64.self, forKey: AnyKey("message_id"))
        let chat = try message.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("chat"))
        let chatID = try chat.decode(Int64.self, forKey: AnyKey("id"))
        let chatType = try? chat.decodeIfPresent(String.self, forKey: AnyKey("type"))
        let date = try message.decodeIfPresent(Int64.self, forKey: AnyKey("date")) ?? 0
        // Who wrote the message this one replies to (in a group, a reply to the bot is addressed to it).
        let replyTo = try? message.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("reply_to_message"))
        let repliedFrom = try? replyTo?.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("from"))
        let replyToUserID = (try? repliedFrom?.decodeIfPresent(Int64.self, forKey: AnyKey("id"))) ?? nil
        func incoming(_ text: String?, _ kind: String) -> IncomingMessage {
            IncomingMessage(
                messageID: messageID, chatID: chatID, text: text, contentKind: kind, date: date, chatType: chatType ?? nil,
                replyToUserID: replyToUserID)
        }
        if message.contains(AnyKey("from")) {
            let from = try message.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("from"))
            if try from.decodeIfPresent(Bool.self, forKey: AnyKey("is_bot")) == true { return .ignored("message from a bot") }
        }
        if let service = serviceFields.first(where: { message.contains(AnyKey($0)) }) { return .ignored(service) }
        let media = mediaFields.first { message.contains(AnyKey($0)) }
        if let text = try message.decodeIfPresent(String.self, forKey: AnyKey("text")) {
            return .text(incoming(text, "text"))
        }
        if let caption = try message.decodeIfPresent(String.self, forKey: AnyKey("caption")),
            !caption.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        {
            return .text(incoming(caption, media ?? "caption"))
        }
        return .nonText(incoming(nil, media ?? "unknown"))
    }

    /// A decoding error as `path: problem`, without any value from the message.
    static func explain(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "unreadable update" }
        func path(_ context: DecodingError.Context) -> String {
            // Drop `result` and the array index: the path starts at the update.
            context.codingPath.dropFirst(2).map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return (parent.isEmpty ? "" : parent + ".") + key.stringValue + " is missing"
        case .typeMismatch(let type, let context):
            return "\(path(context)): expected \(Self.name(of: type))"
        case .valueNotFound(let type, let context):
            return "\(path(context)): expected \(Self.name(of: type)), found null"
        case .dataCorrupted(let context):
            return "\(path(context)): unreadable value"
        @unknown default:
            return "unreadable update"
        }
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is Int64.Type, is Int.Type: "an integer"
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        default: "an object"
        }
    }
}

/// A coding key for any JSON field name.
struct AnyKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) {
        stringValue = name
    }

    init?(stringValue: String) {
        self.stringValue = stringValue
    }

    init?(intValue: Int) {
        return nil
    }
}
