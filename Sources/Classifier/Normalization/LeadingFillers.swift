/// Conversational openers that carry no meaning (`请问一下`, `那个`, `嗯嗯，`, `emmm`, `你好，`), found at the
/// start of a message so the classifier can leave them out of its features.
///
/// An opener is only set aside when at least two characters of message follow it, so a message that is
/// nothing but `你好`, `嗯嗯` or `就是啊` is still classified by its own words. Openers that begin other words
/// or that are answers or greetings in their own right when joined to what follows (`额度`, `嗯对`,
/// `您好客服`, `你好呀`) only count when a space or punctuation, or another opener, follows them.
enum LeadingFillers {
    struct Filler: Sendable {
        var scalars: [UInt32]
        var needsSeparator: Bool
    }

    /// Han openers, longest first within each shared beginning (`请问一下` before `请问`).
    static let fillers: [Filler] = [
        ("请问一下", false), ("请问下", false), ("请问", false),
        ("那个", false), ("就是", false),
        ("你好", true), ("您好", true),
        ("嗯嗯", true), ("嗯", true), ("恩恩", true), ("恩", true),
        ("额", true), ("呃", true),
    ].map { Filler(scalars: $0.0.unicodeScalars.map(\.value), needsSeparator: $0.1) }
    .sorted { $0.scalars.count > $1.scalars.count }

    /// Fewest characters (Han, letters or digits) that must follow an opener for it to be set aside.
    static let minimumRest = 2

    /// The index in `scalars` (folded, see `TextNormalizer.foldScalars`) where the message proper starts
    /// after any leading openers and the spaces and punctuation after them; 0 when there are none.
    static func messageStart(in scalars: [UInt32]) -> Int {
        var start = 0
        var position = skipSeparators(scalars, from: 0)
        while let end = fillerEnd(scalars, at: position) {
            let next = skipSeparators(scalars, from: end)
            guard contentCount(scalars, from: next, upTo: minimumRest) >= minimumRest else { break }
            start = next
            position = next
        }
        return start
    }

    /// The end of the opener at `position`, if one is there with what must follow it.
    private static func fillerEnd(_ scalars: [UInt32], at position: Int) -> Int? {
        guard position < scalars.count else { return nil }
        if let end = latinFillerEnd(scalars, at: position) { return end }
        for filler in fillers where matches(filler.scalars, scalars, at: position) {
            let end = position + filler.scalars.count
            if !filler.needsSeparator { return end }
            if end < scalars.count, isSeparator(scalars[end]) { return end }
            if fillers.contains(where: { matches($0.scalars, scalars, at: end) }) { return end }
            return nil
        }
        return nil
    }

    /// `emm`, `emmm`, `hmm`, `umm` (one vowel or h, then at least two m) as a whole Latin word.
    private static func latinFillerEnd(_ scalars: [UInt32], at position: Int) -> Int? {
        guard [0x65, 0x68, 0x75].contains(scalars[position]) else { return nil }  // e, h, u
        var end = position + 1
        while end < scalars.count, scalars[end] == 0x6D { end += 1 }  // m
        guard end - position >= 3 else { return nil }
        if end < scalars.count, TextNormalizer.isASCIILetter(scalars[end]) { return nil }
        return end
    }

    private static func matches(_ pattern: [UInt32], _ scalars: [UInt32], at position: Int) -> Bool {
        guard position + pattern.count <= scalars.count else { return false }
        for offset in pattern.indices where scalars[position + offset] != pattern[offset] { return false }
        return true
    }

    private static func skipSeparators(_ scalars: [UInt32], from position: Int) -> Int {
        var position = position
        while position < scalars.count, isSeparator(scalars[position]) { position += 1 }
        return position
    }

    /// Spaces, punctuation, symbols and emoji: what is neither a letter, a digit nor a Han character.
    private static func isSeparator(_ value: UInt32) -> Bool {
        !TextNormalizer.isContent(value)
    }

    /// How many content characters follow `position`, counting no further than `limit`.
    private static func contentCount(_ scalars: [UInt32], from position: Int, upTo limit: Int) -> Int {
        var count = 0
        var index = position
        while index < scalars.count, count < limit {
            if TextNormalizer.isContent(scalars[index]) { count += 1 }
            index += 1
        }
        return count
    }
}
