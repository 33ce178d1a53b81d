import Foundation

/// The group rule for Matrix rooms of more than two members: a message is addressed to the bot when its client
/// says it mentions the bot (`m.mentions.user_ids`), or, from clients that do not say, when it names the bot's user
/// id (`@huabei:example.org`), links to it (`https://matrix.to/#/@huabei:example.org`) or, as Element's pills read in
/// plain text, starts with its display name. The mention is taken out of the text the dialogue reads.
struct MatrixMention: Sendable, Equatable {
    /// The bot's user id.
    var userID: String
    /// The bot's display name, when it has one.
    var displayName: String?

    /// The text without the mention when `event` mentions the bot; nil when it does not.
    func addressedText(of event: MatrixEvent, body: String) -> String? {
        let mentioned: Bool
        if let userIDs = event.mentionedUserIDs {
            mentioned = userIDs.contains(userID)
        } else {
            let link = event.formattedBody.map { $0.contains("matrix.to/#/" + userID) || $0.contains("matrix.to/#/%40" + userID.dropFirst()) }
            mentioned = body.range(of: userID, options: .caseInsensitive) != nil || link == true || startsWithName(body) != nil
        }
        return mentioned ? stripped(body) : nil
    }

    /// `body` without the bot's user id (anywhere) and its display name (at the start), trimmed.
    func stripped(_ body: String) -> String {
        var text = body
        while let range = text.range(of: userID, options: .caseInsensitive) {
            text.replaceSubrange(range, with: " ")
        }
        if let rest = startsWithName(text) { text = String(rest) }
        let separators = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: ":：,，"))
        let trimmed = text.trimmingCharacters(in: separators)
        // Collapse the gap left in the middle of a line, keep the line breaks.
        return trimmed.replacingOccurrences(of: "  ", with: " ")
    }

    /// What follows the display name when `text` starts with it (any case); nil otherwise.
    private func startsWithName(_ text: String) -> Substring? {
        guard let displayName, !displayName.isEmpty else { return nil }
        let trimmed = text.drop { $0.isWhitespace }
        guard let range = trimmed.range(of: displayName, options: [.caseInsensitive, .anchored]) else { return nil }
        let rest = trimmed[range.upperBound...]
        // A name ends where a word ends: "Huabei" does not mention "HuabeiBot".
        if let next = rest.first, next.isLetter || next.isNumber { return nil }
        return rest
    }

    /// `body` without the quoted reply fallback older clients put before a reply (`> <@a:b> text` lines and the blank
    /// line after them).
    static func withoutReplyFallback(_ body: String) -> String {
        guard body.hasPrefix("> ") else { return body }
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false)[...]
        while let first = lines.first, first.hasPrefix(">") { lines = lines.dropFirst() }
        if let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty { lines = lines.dropFirst() }
        return lines.joined(separator: "\n")
    }
}
