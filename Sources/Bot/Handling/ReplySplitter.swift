/// Splits a reply into messages the Bot API accepts: at most 4,096 characters each, counted in UTF-16 code units
/// as Telegram counts them.
///
/// It cuts at the last line break that leaves a part at least half full, else after the last sentence end
/// (`。！？!?.；;`), else at the last space, else between two characters; never inside a character. Parts are
/// trimmed of the white space at the cut, and empty parts are dropped.
struct ReplySplitter: Sendable {
    /// Telegram's limit for one message.
    static let telegramLimit = 4096

    var limit: Int = ReplySplitter.telegramLimit

    func split(_ text: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(text)
        while rest.utf16.count > limit {
            let cut = cutIndex(in: rest)
            let part = rest[..<cut].trimmingTrailingWhitespace
            if !part.isEmpty { parts.append(String(part)) }
            rest = rest[cut...].trimmingLeadingWhitespace
        }
        let last = rest.trimmingTrailingWhitespace
        if !last.isEmpty { parts.append(String(last)) }
        return parts
    }

    /// Where to end the next part: after the best break among the first `limit` UTF-16 units.
    private func cutIndex(in text: Substring) -> Substring.Index {
        // The furthest character boundary within the limit.
        var end = text.startIndex
        var units = 0
        var lineBreak: Substring.Index?
        var sentenceEnd: Substring.Index?
        var space: Substring.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let width = character.utf16.count
            guard units + width <= limit else { break }
            units += width
            index = text.index(after: index)
            end = index
            if units * 2 >= limit {
                if character.isNewline {
                    lineBreak = index
                } else if "。！？!?.；;".contains(character) {
                    sentenceEnd = index
                } else if character.isWhitespace {
                    space = index
                }
            }
        }
        if end == text.startIndex {
            // A single character longer than the limit cannot be split; send it alone.
            return text.index(after: text.startIndex)
        }
        return lineBreak ?? sentenceEnd ?? space ?? end
    }
}

extension Substring {
    fileprivate var trimmingTrailingWhitespace: Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)].isWhitespace { end = index(before: end) }
        return self[startIndex..<end]
    }

    fileprivate var trimmingLeadingWhitespace: Substring {
        var start = startIndex
        while start < endIndex, self[start].isWhitespace { start = index(after: start) }
        return self[start..<endIndex]
    }
}
