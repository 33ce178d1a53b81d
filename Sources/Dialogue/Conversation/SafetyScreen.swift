/// Looks at each message for things the bot must warn about: secrets the user should never send, and
/// paid "unfreezing services" or cash-out agents, which are scams.
struct SafetyScreen: Sendable {
    let redactor: PersonalDataRedactor
    /// Lower-cased scam cues as UTF-8, matched byte-wise.
    let scamCues: [[UInt8]]

    init(lexicon: DialogueLexicon) {
        redactor = PersonalDataRedactor(passwordCues: lexicon.passwordCues, verificationCodeCues: lexicon.verificationCodeCues)
        scamCues = lexicon.scamCues.map { Array($0.lowercased().utf8) }.filter { !$0.isEmpty }
    }

    /// The notices for a message; `normalizedText` is the classifier's view, so cues also match
    /// traditional or full-width spellings.
    func inspect(_ text: String, normalizedText: String) -> [SafetyNotice] {
        var notices: [SafetyNotice] = []
        if redactor.redact(text).kinds.contains(where: \.isSecret) { notices.append(.sensitiveData) }
        let lowered = Array(text.lowercased().utf8)
        let compact = Self.removingSegmentBreaks(normalizedText)
        if scamCues.contains(where: { Self.contains($0, in: lowered) || Self.contains($0, in: compact) }) {
            notices.append(.scam)
        }
        return notices
    }

    /// Whether `needle` occurs in `haystack`. A plain loop on purpose: the generic `firstRange(of:)` costs more
    /// than the classifier itself, and cues and messages are short.
    static func contains(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard needle.count <= haystack.count else { return false }
        return haystack.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { needle in
                var start = 0
                let last = haystack.count - needle.count
                while start <= last {
                    if haystack[start] == first {
                        var offset = 1
                        while offset < needle.count && haystack[start + offset] == needle[offset] { offset += 1 }
                        if offset == needle.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }

    /// The normalised text's UTF-8 with the classifier's segment breaks (` | `) removed, so a cue split by
    /// punctuation in the message still matches. Byte-wise on purpose: Foundation's `replacingOccurrences`
    /// bridges through `NSString` and costs more than the classifier itself.
    static func removingSegmentBreaks(_ normalizedText: String) -> [UInt8] {
        let bytes = Array(normalizedText.utf8)
        let separator = Array(" | ".utf8)
        var compact: [UInt8] = []
        compact.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == separator[0], index + 2 < bytes.count, bytes[index + 1] == separator[1],
                bytes[index + 2] == separator[2]
            {
                index += separator.count
            } else {
                compact.append(bytes[index])
                index += 1
            }
        }
        return compact
    }
}
