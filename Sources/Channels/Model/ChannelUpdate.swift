/// One update from `getUpdates`, reduced to what the daemon acts on.
public struct ChannelUpdate: Sendable, Equatable {
    /// What an update asks of the bot.
    public enum Content: Sendable, Equatable {
        /// A message with text (or a caption): classify it and answer.
        case text(IncomingMessage)
        /// A message without text (a sticker, photo, voice message…): ask politely for text.
        case nonText(IncomingMessage)
        /// Nothing to answer: an edit, a join or leave, a member or callback update, a bot's own message.
        /// The string names what it was, e.g. `edited_message` or `new_chat_members`.
        case ignored(String)
    }

    /// Telegram's `update_id`: increasing, the basis of the `offset`.
    public var updateID: Int64
    /// What to do with it.
    public var content: Content

    /// Creates an update.
    public init(updateID: Int64, content: Content) {
        self.updateID = updateID
        self.content = content
    }

    /// The chat the update belongs to, when it is a message to answer.
    public var message: IncomingMessage? {
        switch content {
        case .text(let message), .nonText(let message): message
        case .ignored: nil
        }
    }
}

/// A message someone sent the bot.
public struct IncomingMessage: Sendable, Equatable {
    /// The message's id within its chat (the target of a reply).
    public var messageID: Int64
    /// The chat to answer in.
    public var chatID: Int64
    /// The text, or the caption of a photo or document; nil for messages without text.
    public var text: String?
    /// What the message holds: `text`, `sticker`, `photo`, … (the Bot API field name).
    public var contentKind: String
    /// Unix time the message was sent.
    public var date: Int64
    /// The chat's type: `private`, `group`, `supergroup` or `channel`; nil when the server did not say.
    public var chatType: String?
    /// When the message replies to another: the id of that message's sender.
    public var replyToUserID: Int64?
    /// The chat's own id when it is not a number (a Matrix room id); ``chatID`` is then derived from it. Nil on the
    /// Bot API.
    public var chatAddress: String?

    /// Creates a message.
    public init(
        messageID: Int64, chatID: Int64, text: String?, contentKind: String = "text", date: Int64 = 0, chatType: String? = nil,
        replyToUserID: Int64? = nil, chatAddress: String? = nil
    ) {
        self.messageID = messageID
        self.chatID = chatID
        self.text = text
        self.contentKind = contentKind
        self.date = date
        self.chatType = chatType
        self.replyToUserID = replyToUserID
        self.chatAddress = chatAddress
    }

    /// A group or supergroup, where the bot answers only what is addressed to it.
    public var isGroupChat: Bool {
        chatType == "group" || chatType == "supergroup"
    }
}

/// An update that could not be read; it is skipped and reported, the others are kept.
public struct MalformedUpdate: Sendable, Equatable {
    /// Its `update_id`, when even that could not be read: nil.
    public var updateID: Int64?
    /// What was wrong, e.g. `message.chat.id: expected a number`.
    public var reason: String

    /// Creates a report.
    public init(updateID: Int64?, reason: String) {
        self.updateID = updateID
        self.reason = reason
    }
}

/// The answer to one `getUpdates`.
public struct UpdateBatch: Sendable, Equatable {
    /// The updates that were read, in `update_id` order.
    public var updates: [ChannelUpdate]
    /// The updates that could not be read.
    public var malformed: [MalformedUpdate]
    /// On channels polled with a token: where to poll from next (Matrix's `next_batch`).
    public var nextToken: String?

    /// Creates a batch.
    public init(updates: [ChannelUpdate], malformed: [MalformedUpdate] = [], nextToken: String? = nil) {
        self.updates = updates
        self.malformed = malformed
        self.nextToken = nextToken
    }

    /// The offset that confirms every update of this batch, malformed ones included: one past the highest
    /// `update_id` seen; nil for an empty batch.
    public var nextOffset: Int64? {
        let highest = (updates.map(\.updateID) + malformed.compactMap(\.updateID)).max()
        return highest.map { $0 + 1 }
    }

    /// Whether the server returned nothing at all.
    public var isEmpty: Bool { updates.isEmpty && malformed.isEmpty }
}
