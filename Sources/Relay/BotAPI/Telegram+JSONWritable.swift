import JSONWriting

// The hot bot-side answers written without `JSONEncoder`; members in sorted key order, nil members left out, as
// the `Codable` conformances in `TelegramTypes.swift` encode them.

extension Telegram.User: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("can_join_groups", ifPresent: canJoinGroups)
        writer.member("can_read_all_group_messages", ifPresent: canReadAllGroupMessages)
        writer.member("first_name", firstName)
        writer.member("id", id)
        writer.member("is_bot", isBot)
        writer.member("language_code", ifPresent: languageCode)
        writer.member("supports_inline_queries", ifPresent: supportsInlineQueries)
        writer.member("username", ifPresent: username)
        writer.endObject()
    }
}

extension Telegram.Chat: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("first_name", ifPresent: firstName)
        writer.member("id", id)
        writer.member("type", type)
        writer.endObject()
    }
}

extension Telegram.Message: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("chat", chat)
        writer.member("date", date)
        writer.member("from", from)
        writer.member("message_id", messageID)
        writer.member("reply_to_message", ifPresent: replyToMessage)
        writer.member("text", text)
        writer.endObject()
    }
}

/// Written as a `Message` without a reply of its own: the same members.
extension Telegram.RepliedMessage: JSONWritable {
    func write(to writer: inout JSONWriter) {
        Telegram.Message(messageID: messageID, from: from, chat: chat, date: date, text: text).write(to: &writer)
    }
}

extension Telegram.Update: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("message", message)
        writer.member("update_id", updateID)
        writer.endObject()
    }
}

extension Telegram.Success: JSONWritable where Result: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("ok", ok)
        writer.member("result", result)
        writer.endObject()
    }
}
