/// A `/command` as chat apps send it: `/start`, `/start <payload>` (a deep link's payload), `/start@huabei_bot`
/// (in a group, naming the bot). Commands are read before the classifier.
public struct BotCommand: Sendable, Equatable {
    /// The command's name without its slash, lower-cased: `start`.
    public var name: String
    /// The bot named after `@`, if any.
    public var botName: String?
    /// What follows the command after white space (a `/start` payload), trimmed; empty when nothing does.
    public var argument: String

    public init(name: String, botName: String? = nil, argument: String = "") {
        self.name = name
        self.botName = botName
        self.argument = argument
    }

    /// The command at the start of `text`, or nil when the text is not a command. A command is a slash (or a
    /// full-width `／`, as Chinese input methods type it) and 1 to 32 letters, digits or underscores, then
    /// optionally `@` and a bot's username, then white space or the end: `/start`, `/Start@Huabei_Bot 1234`;
    /// not `/ start`, `/开始` or `/start-now`.
    public static func parse(_ text: String) -> BotCommand? {
        let trimmed = text.drop { $0.isWhitespace }
        guard let slash = trimmed.first, slash == "/" || slash == "／" else { return nil }
        let rest = trimmed.dropFirst()
        let name = rest.prefix { isCommandCharacter($0) }
        guard !name.isEmpty, name.count <= 32 else { return nil }
        var tail = rest.dropFirst(name.count)
        var botName: String?
        if tail.first == "@" {
            let bot = tail.dropFirst().prefix { isCommandCharacter($0) }
            guard !bot.isEmpty else { return nil }
            botName = String(bot)
            tail = tail.dropFirst(1 + bot.count)
        }
        guard tail.isEmpty || tail.first!.isWhitespace else { return nil }
        let argument = tail.trimmed
        return BotCommand(name: name.lowercased(), botName: botName, argument: argument)
    }

    private static func isCommandCharacter(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(ascii) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(ascii)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(ascii) || ascii == UInt8(ascii: "_")
    }
}

#if canImport(Foundation)
import Foundation
#endif
