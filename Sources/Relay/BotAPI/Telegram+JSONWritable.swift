import JSONWriting

// The hot bot-side answers written without `JSONEncoder`; members in sorted key order, nil members left out, as
// the `Codable` conformances in `TelegramTypes.swift` encode them.

extension Telegram.User: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        if let canJoinGroups {
            writer.key("can_join_groups")
            writer.value(canJoinGroups)
        }
        if let canReadAllGroupMessages {
            writer.key("can_read_all_group_messages")
            writer.value(canReadAllGroupMessages)
        }
        writer.key("first_name")
        writer.value(firstName)
        writer.key("id")
        writer.value(id)
        writer.key("is_bot")
        writer.value(isBot)
        if let languageCode {
            writer.key("language_code")
            writer.value(languageCode)
        }
        if let supportsInlineQueries {
            writer.key("supports_inline_queries")
            writer.value(supportsInlineQueries)
        }
        if let username {
            writer.key("username")
            writer.value(username)
        }
        writer.endObject()
    }
}

extension Telegram.Chat: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        if let firstName {
            writer.key("first_name")
            writer.value(firstName)
        }
        writer.key("id")
        writer.value(id)
        writer.key("type")
        writer.value(type)
        writer.endObject()
    }
}

extension Telegram.Message: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("chat")
        writer.value(chat)
        writer.key("date")
        writer.value(date)
        writer.key("from")
        writer.value(from)
        writer.key("message_id")
        writer.value(messageID)
        if let replyToMessage {
            writer.key("reply_to_message")
            writer.value(replyToMessage)
        }
        writer.key("text")
        writer.value(text)
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
        writer.key("message")
        writer.value(message)
        writer.key("update_id")
        writer.value(updateID)
        writer.endObject()
    }
}

extension Telegram.Success: JSONWritable where Result: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("ok")
        writer.value(ok)
        writer.key("result")
        writer.value(result)
        writer.endObject()
    }
}
