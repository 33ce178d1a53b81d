/// The group rule: in a group or supergroup the bot answers only the messages addressed to it. In a private chat
/// every message is addressed to it.
///
/// A group message is addressed to the bot when it is
/// - a command (`/start`), unless it names another bot (`/start@other_bot`);
/// - a reply to one of the bot's messages;
/// - a message that mentions the bot's `@username` (case-insensitive, as Telegram matches usernames).
///
/// The mention is taken out of the text the dialogue reads (`@huabei_bot 花呗冻结了` → `花呗冻结了`).
extension UpdateBatch {
    /// This batch with the group messages not addressed to `bot` turned into ``ChannelUpdate/Content/ignored(_:)``.
    public func addressed(to bot: BotIdentity) -> UpdateBatch {
        UpdateBatch(updates: updates.map { $0.addressed(to: bot) }, malformed: malformed, nextToken: nextToken)
    }
}

extension ChannelUpdate {
    /// What `ignored` updates that a group did not address to the bot are called.
    public static let notAddressed = "group message not addressed to the bot"

    /// This update as the bot should handle it: unchanged in a private chat; in a group, ignored unless addressed to
    /// `bot`, and without the mention of the bot.
    public func addressed(to bot: BotIdentity) -> ChannelUpdate {
        guard var message = self.message, message.isGroupChat else { return self }
        let text = message.text ?? ""
        let username = bot.username.map { "@" + $0 }
        let command = Self.commandBotName(text)
        var addressed = false
        if let command {
            addressed = command.isEmpty || command.lowercased() == bot.username?.lowercased()
        }
        if message.replyToUserID == bot.id { addressed = true }
        if command == nil, let username, let stripped = Self.removingMention(username, from: text) {
            addressed = true
            message.text = stripped
        }
        guard addressed else { return ChannelUpdate(updateID: updateID, content: .ignored(Self.notAddressed)) }
        switch content {
        case .text: return ChannelUpdate(updateID: updateID, content: .text(message))
        case .nonText: return ChannelUpdate(updateID: updateID, content: .nonText(message))
        case .ignored: return self
        }
    }

    /// For a text starting with a command: the bot it names after `@` (`/start@huabei_bot`), or "" when it names
    /// none; nil when the text is not a command.
    static func commandBotName(_ text: String) -> String? {
        let trimmed = text.drop { $0.isWhitespace }
        guard let slash = trimmed.first, slash == "/" || slash == "／" else { return nil }
        let word = trimmed.dropFirst().prefix { !$0.isWhitespace }
        guard let first = word.first, first.isASCII, first.isLetter || first.isNumber || first == "_" else { return nil }
        guard let at = word.firstIndex(of: "@") else { return "" }
        return String(word[word.index(after: at)...])
    }

    /// `text` without the first mention of `mention` (`@huabei_bot`, any case), trimmed; nil when the text does not
    /// mention it. A mention ends where the username ends: `@huabei_bot2` is another bot.
    static func removingMention(_ mention: String, from text: String) -> String? {
        var searchStart = text.startIndex
        while let range = text.range(of: mention, options: [.caseInsensitive], range: searchStart..<text.endIndex) {
            let next = range.upperBound < text.endIndex ? text[range.upperBound] : nil
            if next.map({ !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_")) }) ?? true {
                let before = text[..<range.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
                let after = text[range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
                return before.isEmpty || after.isEmpty ? before + after : before + " " + after
            }
            searchStart = range.upperBound
        }
        return nil
    }
}

#if canImport(Foundation)
import Foundation
#endif
