import Foundation

/// Looks at each message for things the bot must warn about: secrets the user should never send, and
/// paid "unfreezing services" or cash-out agents, which are scams.
struct SafetyScreen: Sendable {
    let redactor: PersonalDataRedactor
    let scamCues: [String]

    init(lexicon: DialogueLexicon) {
        redactor = PersonalDataRedactor(passwordCues: lexicon.passwordCues, verificationCodeCues: lexicon.verificationCodeCues)
        scamCues = lexicon.scamCues.map { $0.lowercased() }.filter { !$0.isEmpty }
    }

    /// The notices for a message; `normalizedText` is the classifier's view, so cues also match
    /// traditional or full-width spellings.
    func inspect(_ text: String, normalizedText: String) -> [SafetyNotice] {
        var notices: [SafetyNotice] = []
        if redactor.redact(text).kinds.contains(where: \.isSecret) { notices.append(.sensitiveData) }
        let lowered = text.lowercased()
        let compact = normalizedText.replacingOccurrences(of: " | ", with: "")
        if scamCues.contains(where: { lowered.contains($0) || compact.contains($0) }) { notices.append(.scam) }
        return notices
    }
}
