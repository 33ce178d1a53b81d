import Classifier

/// Looks at each message for things the bot must warn about: secrets the user should never send, and
/// paid "unfreezing services" or cash-out agents, which are scams.
struct SafetyScreen: Sendable {
    let redactor: PersonalDataRedactor
    /// Lower-cased scam cues as UTF-8, matched byte-wise.
    let scamCues: [[UInt8]]
    /// An offer word and a target word in one message make a scam offer, in any order or wording.
    let scamOffers: [[UInt8]]
    let scamTargets: [[UInt8]]
    /// The learned detector for offers the lists miss; nil: the lists alone.
    let detector: ScamDetector?

    init(lexicon: DialogueLexicon, detector: ScamDetector? = nil) {
        self.detector = detector
        redactor = PersonalDataRedactor(passwordCues: lexicon.passwordCues, verificationCodeCues: lexicon.verificationCodeCues)
        scamCues = lexicon.scamCues.map { Array($0.lowercased().utf8) }.filter { !$0.isEmpty }
        scamOffers = lexicon.scamOffers.map { Array($0.lowercased().utf8) }.filter { !$0.isEmpty }
        scamTargets = lexicon.scamTargets.map { Array($0.lowercased().utf8) }.filter { !$0.isEmpty }
    }

    /// What the screen found in one message.
    struct Inspection: Sendable, Equatable {
        var notices: [SafetyNotice]
        /// The message with its personal data masked (`[phone]`, `[id_number]` …), as logs may show it.
        var redactedText: String
    }

    /// The notices for a message and its redacted text; `compactText` is the classifier's view without boundaries
    /// (`Classification.compactText`), so cues also match traditional or full-width spellings, or split by
    /// punctuation.
    /// `normalized` is the message as the classifier normalised it, for the learned detector (nil: the lists alone).
    /// `hashes` are its n-grams as the classifier extracted them, when the detector shares the classifier's featuriser.
    func inspect(_ text: String, compactText: String, normalized: NormalizedText? = nil, hashes: [UInt64]? = nil) -> Inspection {
        var notices: [SafetyNotice] = []
        let redaction = redactor.redact(text)
        if redaction.kinds.contains(where: \.isSecret) { notices.append(.sensitiveData) }
        let lowered = Array(text.lowercased().utf8)
        let compact = Array(compactText.utf8)
        let occurs: ([UInt8]) -> Bool = { Self.contains($0, in: lowered) || Self.contains($0, in: compact) }
        if scamCues.contains(where: occurs) || (scamOffers.contains(where: occurs) && scamTargets.contains(where: occurs)) {
            notices.append(.scam)
        } else if let detector, let normalized, detector.isOffer(normalized, hashes: hashes) {
            notices.append(.scam)
        }
        return Inspection(notices: notices, redactedText: redaction.text)
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
}
