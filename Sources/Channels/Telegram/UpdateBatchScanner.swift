import Foundation
import JSONReading

/// Reads `getUpdates`' answer without `JSONDecoder`, which cost about 4.5% of the daemon's CPU under load, when
/// every update in it is an ordinary message.
///
/// It answers only where ``TelegramUpdateReader``'s decoding would give the same batch: valid UTF-8 without any
/// `\u` escape, an envelope with `ok` a boolean and `result` an array of objects, each with an integer
/// `update_id` and a `message` whose fields have the types the reader expects, and no object the reader looks into
/// naming a key twice. Anything else (an update without a message, a field of another type, fractions or
/// exponents where integers belong, invalid JSON) gives `nil`, and the caller decodes the body as before, so
/// lenient reading, malformed-update reports and errors are unchanged.
enum UpdateBatchScanner {
    static func batch(in body: Data) -> UpdateBatch? {
        body.withUnsafeBytes { bytes -> UpdateBatch? in
            guard JSONScanner.readsLikeJSONDecoder(bytes) else { return nil }
            var scanner = JSONScanner(bytes)
            var ok: Bool?
            var updates: [ChannelUpdate]?
            let read = object(&scanner) { key, scanner in
                switch key {
                case "ok":
                    ok = scanner.bool()
                    return ok != nil
                case "result":
                    updates = array(&scanner)
                    return updates != nil
                default:
                    return scanner.skipValue(depth: 1)
                }
            }
            scanner.skipWhitespace()
            guard read, scanner.isAtEnd, ok != nil, var updates else { return nil }
            updates.sort { $0.updateID < $1.updateID }
            return UpdateBatch(updates: updates)
        }
    }

    /// `result`'s updates; nil when one of them is not an ordinary message update.
    private static func array(_ scanner: inout JSONScanner) -> [ChannelUpdate]? {
        guard scanner.consume(UInt8(ascii: "[")) else { return nil }
        var updates: [ChannelUpdate] = []
        if scanner.consume(UInt8(ascii: "]")) { return updates }
        repeat {
            guard let update = update(&scanner) else { return nil }
            updates.append(update)
        } while scanner.consume(UInt8(ascii: ","))
        return scanner.consume(UInt8(ascii: "]")) ? updates : nil
    }

    private static func update(_ scanner: inout JSONScanner) -> ChannelUpdate? {
        var updateID: Int64?
        var message: MessageFields?
        let read = object(&scanner) { key, scanner in
            switch key {
            case "update_id":
                return readInteger(&scanner, into: &updateID)
            case "message":
                message = MessageFields.read(&scanner)
                return message != nil
            default:
                return scanner.skipValue(depth: 2)
            }
        }
        // An update without a message is left to the decoder: the kind it reports depends on its key order.
        guard read, let updateID, let content = message?.content else { return nil }
        return ChannelUpdate(updateID: updateID, content: content)
    }

    /// The fields of a message that ``TelegramUpdateReader/content(of:)`` reads, with the same meaning.
    private struct MessageFields {
        var messageID: Int64?
        var chatID: Int64?
        var chatType: String?
        var date: Int64?
        var replyToUserID: Int64?
        var fromIsBot: Bool?
        var text: String?
        var caption: String?
        var keys: [String] = []

        static func read(_ scanner: inout JSONScanner) -> MessageFields? {
            var fields = MessageFields()
            let read = UpdateBatchScanner.object(&scanner) { key, scanner in
                fields.keys.append(key)
                switch key {
                case "message_id":
                    return UpdateBatchScanner.readInteger(&scanner, into: &fields.messageID)
                case "chat":
                    return fields.readChat(&scanner)
                case "date":
                    return scanner.consumeNull() || UpdateBatchScanner.readInteger(&scanner, into: &fields.date)
                case "reply_to_message":
                    return fields.readRepliedMessage(&scanner)
                case "from":
                    return UpdateBatchScanner.object(&scanner) { key, scanner in
                        guard key == "is_bot" else { return scanner.skipValue(depth: 4) }
                        if scanner.consumeNull() { return true }
                        fields.fromIsBot = scanner.bool()
                        return fields.fromIsBot != nil
                    }
                case "text":
                    return readString(&scanner, into: &fields.text)
                case "caption":
                    return readString(&scanner, into: &fields.caption)
                default:
                    return scanner.skipValue(depth: 3)
                }
            }
            guard read, fields.messageID != nil, fields.chatID != nil else { return nil }
            return fields
        }

        /// `chat`: its `id` must be an integer; a `type` that is not a string counts as absent, as in the reader.
        private mutating func readChat(_ scanner: inout JSONScanner) -> Bool {
            UpdateBatchScanner.object(&scanner) { key, scanner in
                switch key {
                case "id":
                    return UpdateBatchScanner.readInteger(&scanner, into: &chatID)
                case "type" where scanner.nextKind() == .string:
                    chatType = scanner.string()
                    return chatType != nil
                default:
                    return scanner.skipValue(depth: 4)
                }
            }
        }

        /// `reply_to_message.from.id`, which the reader takes when it can and otherwise ignores; only a number that
        /// is not a plain integer (which the decoder may still read) is left to the decoder.
        private mutating func readRepliedMessage(_ scanner: inout JSONScanner) -> Bool {
            guard scanner.nextKind() == .object else { return scanner.skipValue(depth: 3) }
            return UpdateBatchScanner.object(&scanner) { key, scanner in
                guard key == "from", scanner.nextKind() == .object else { return scanner.skipValue(depth: 4) }
                return UpdateBatchScanner.object(&scanner) { key, scanner in
                    guard key == "id", scanner.nextKind() == .number else { return scanner.skipValue(depth: 5) }
                    return UpdateBatchScanner.readInteger(&scanner, into: &replyToUserID)
                }
            }
        }

        private static func readString(_ scanner: inout JSONScanner, into value: inout String?) -> Bool {
            if scanner.consumeNull() { return true }
            guard scanner.nextKind() == .string else { return false }
            value = scanner.string()
            return value != nil
        }

        /// What the update asks of the bot, decided in the reader's order.
        var content: ChannelUpdate.Content? {
            guard let messageID, let chatID else { return nil }
            func incoming(_ text: String?, _ kind: String) -> IncomingMessage {
                IncomingMessage(
                    messageID: messageID, chatID: chatID, text: text, contentKind: kind, date: date ?? 0, chatType: chatType,
                    replyToUserID: replyToUserID)
            }
            if fromIsBot == true { return .ignored("message from a bot") }
            if let service = TelegramUpdateReader.serviceFields.first(where: keys.contains) { return .ignored(service) }
            let media = TelegramUpdateReader.mediaFields.first(where: keys.contains)
            if let text { return .text(incoming(text, "text")) }
            if let caption, !caption.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                return .text(incoming(caption, media ?? "caption"))
            }
            return .nonText(incoming(nil, media ?? "unknown"))
        }
    }

    /// Reads an integer written without fraction or exponent into `value`; false for anything else.
    private static func readInteger(_ scanner: inout JSONScanner, into value: inout Int64?) -> Bool {
        value = scanner.exactInteger()
        return value != nil
    }

    /// Reads an object, calling `member` with each key once its `:` is consumed; `member` reads the value and
    /// returns whether it could. False when the next value is not an object, a key repeats, or `member` fails.
    private static func object(_ scanner: inout JSONScanner, _ member: (String, inout JSONScanner) -> Bool) -> Bool {
        guard scanner.consume(UInt8(ascii: "{")) else { return false }
        if scanner.consume(UInt8(ascii: "}")) { return true }
        var keys: [String] = []
        repeat {
            guard let key = scanner.string(), scanner.consume(UInt8(ascii: ":")), !keys.contains(key) else { return false }
            keys.append(key)
            guard member(key, &scanner) else { return false }
        } while scanner.consume(UInt8(ascii: ","))
        return scanner.consume(UInt8(ascii: "}"))
    }
}
