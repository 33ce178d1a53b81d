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
        if scamCues.contains(where: { lowered.firstRange(of: $0) != nil || compact.firstRange(of: $0) != nil }) {
            notices.append(.scam)
        }
        return notices
    }

    /// The normalised text's UTF-8 with the classifier's segment breaks (` | `) removed, so a cue split by
    /// punctuation in the message still matches. Byte-wise on purpose: Foundation's `contains` and
    /// `replacingOccurrences` bridge through `NSString` and cost more than the classifier itself.
    static func removingSegmentBreaks(_ normalizedText: String) -> [UInt8] {
        let bytes = Array(normalizedText.utf8)
        let separator = Array(" | ".utf8)
        var compact: [UInt8] = []
        compact.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == separator[0], bytes[index...].starts(with: separator) {
                index += separator.count
            } else {
                compact.append(bytes[index])
                index += 1
            }
        }
        return compact
    }
}
