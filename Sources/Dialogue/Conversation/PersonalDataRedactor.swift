/// Finds and masks personal data in a message: phone numbers, ID numbers, bank card numbers,
/// verification codes, passwords and e-mail addresses. Logs keep only the masked text, and the bot never
/// repeats what it masked.
///
/// A hand-written scanner rather than regular expressions: it runs on every message, and ICU's regex
/// engine would cost start-up memory and microseconds per message for four simple patterns.
public struct PersonalDataRedactor: Sendable {
    /// What was found.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case phone, idNumber = "id_number", cardNumber = "card_number", verificationCode = "verification_code"
        case password, email

        /// The mask written in place of the data.
        public var mask: String { "[\(rawValue)]" }

        /// Secrets the user should never send to anyone: the bot warns about these.
        public var isSecret: Bool {
            switch self {
            case .idNumber, .cardNumber, .verificationCode, .password: true
            case .phone, .email: false
            }
        }
    }

    /// The masked text and the kinds of data masked.
    public struct Result: Sendable, Equatable {
        public var text: String
        public var kinds: Set<Kind>
    }

    private let passwordCues: [[Unicode.Scalar]]
    private let codeCues: [[Unicode.Scalar]]

    /// Builds a redactor; the cue words announce passwords and codes (`密码是…`, `验证码…`).
    public init(passwordCues: [String], verificationCodeCues: [String]) {
        func prepare(_ cues: [String]) -> [[Unicode.Scalar]] {
            cues.map { Array($0.lowercased().unicodeScalars) }.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        }
        self.passwordCues = prepare(passwordCues)
        self.codeCues = prepare(verificationCodeCues)
    }

    /// Masks every piece of personal data in `text`.
    public func redact(_ text: String) -> Result {
        var kinds = Set<Kind>()
        var scalars = Array(text.unicodeScalars)
        scalars = maskAfterCues(scalars, cues: passwordCues, kind: .password, &kinds) { Self.passwordValue($0, from: $1) }
        scalars = maskAfterCues(scalars, cues: codeCues, kind: .verificationCode, &kinds) { Self.codeValue($0, from: $1) }
        scalars = maskEmails(scalars, &kinds)
        scalars = maskDigitRuns(scalars, &kinds)
        guard !kinds.isEmpty else { return Result(text: text, kinds: []) }
        var output = String.UnicodeScalarView()
        output.append(contentsOf: scalars)
        return Result(text: String(output), kinds: kinds)
    }

    // MARK: Passes

    private typealias Span = Range<Int>

    private func maskAfterCues(
        _ scalars: [Unicode.Scalar], cues: [[Unicode.Scalar]], kind: Kind, _ kinds: inout Set<Kind>,
        value: ([Unicode.Scalar], Int) -> Span?
    ) -> [Unicode.Scalar] {
        guard !cues.isEmpty else { return scalars }
        var spans: [Span] = []
        var index = 0
        while index < scalars.count {
            if let cue = cues.first(where: { Self.matches($0, in: scalars, at: index) }) {
                let after = index + cue.count
                if let span = value(scalars, after) {
                    spans.append(span)
                    index = span.upperBound
                    continue
                }
                index = after
                continue
            }
            index += 1
        }
        return replace(spans, in: scalars, with: kind, &kinds)
    }

    /// After a password cue: up to three joining characters (是, 为, :, =, spaces), then 4+ characters of
    /// a typical password alphabet.
    private static func passwordValue(_ scalars: [Unicode.Scalar], from start: Int) -> Span? {
        var index = start
        var joiners = 0
        while index < scalars.count, joiners < 3, "是为:：= \t".unicodeScalars.contains(scalars[index]) {
            index += 1
            joiners += 1
        }
        let valueStart = index
        while index < scalars.count, isPasswordCharacter(scalars[index]) { index += 1 }
        return index - valueStart >= 4 ? valueStart..<index : nil
    }

    /// After a code cue: within six non-digit characters, a run of 4 to 8 digits.
    private static func codeValue(_ scalars: [Unicode.Scalar], from start: Int) -> Span? {
        var index = start
        var skipped = 0
        while index < scalars.count, digitValue(scalars[index]) == nil {
            skipped += 1
            if skipped > 6 { return nil }
            index += 1
        }
        let valueStart = index
        while index < scalars.count, digitValue(scalars[index]) != nil { index += 1 }
        let length = index - valueStart
        return (4...8).contains(length) ? valueStart..<index : nil
    }

    private func maskEmails(_ scalars: [Unicode.Scalar], _ kinds: inout Set<Kind>) -> [Unicode.Scalar] {
        var spans: [Span] = []
        for at in scalars.indices where scalars[at] == "@" {
            var start = at
            while start > 0, Self.isEmailLocal(scalars[start - 1]) { start -= 1 }
            var end = at + 1
            while end < scalars.count, Self.isEmailDomain(scalars[end]) { end += 1 }
            // Trim a trailing dot, then require a dot followed by a two-letter or longer top-level domain.
            while end > at + 1, scalars[end - 1] == "." { end -= 1 }
            let domain = scalars[(at + 1)..<end]
            guard start < at, let dot = domain.lastIndex(of: "."), dot > at + 1,
                  end - dot - 1 >= 2, scalars[(dot + 1)..<end].allSatisfy({ $0.properties.isAlphabetic && $0.isASCII }),
                  spans.last.map({ $0.upperBound <= start }) ?? true
            else { continue }
            spans.append(start..<end)
        }
        return replace(spans, in: scalars, with: .email, &kinds)
    }

    /// Runs of digits, allowing one space or dash between groups (`6222 0202 1234 5678`) and a final X
    /// (ID numbers), classified by how many digits they hold.
    private func maskDigitRuns(_ scalars: [Unicode.Scalar], _ kinds: inout Set<Kind>) -> [Unicode.Scalar] {
        var spans: [(Span, Kind)] = []
        var index = 0
        while index < scalars.count {
            guard Self.digitValue(scalars[index]) != nil, index == 0 || Self.digitValue(scalars[index - 1]) == nil else {
                index += 1
                continue
            }
            var end = index
            var digits = 0
            while end < scalars.count {
                if Self.digitValue(scalars[end]) != nil {
                    digits += 1
                    end += 1
                } else if (scalars[end] == " " || scalars[end] == "-"), end + 1 < scalars.count,
                          Self.digitValue(scalars[end + 1]) != nil {
                    end += 1
                } else {
                    break
                }
            }
            var endsWithX = false
            if end < scalars.count, scalars[end] == "x" || scalars[end] == "X", digits == 17 {
                end += 1
                endsWithX = true
            }
            if let kind = Self.classifyDigits(count: digits, endsWithX: endsWithX) {
                spans.append((index..<end, kind))
            }
            index = end
        }
        var output = scalars
        for (span, kind) in spans.reversed() {
            output.replaceSubrange(span, with: kind.mask.unicodeScalars)
            kinds.insert(kind)
        }
        return output
    }

    /// What a bare run of digits most likely is, by its length; short numbers (amounts, days, 600) are kept.
    static func classifyDigits(count: Int, endsWithX: Bool) -> Kind? {
        switch count {
        case 17 where endsWithX: .idNumber
        case 11: .phone
        case 15, 18: .idNumber
        case 7...: .cardNumber  // long enough to identify someone: mask it, and treat it as a secret
        default: nil
        }
    }

    // MARK: Helpers

    private func replace(_ spans: [Span], in scalars: [Unicode.Scalar], with kind: Kind, _ kinds: inout Set<Kind>) -> [Unicode.Scalar] {
        guard !spans.isEmpty else { return scalars }
        kinds.insert(kind)
        var output = scalars
        for span in spans.reversed() { output.replaceSubrange(span, with: kind.mask.unicodeScalars) }
        return output
    }

    private static func matches(_ cue: [Unicode.Scalar], in scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + cue.count <= scalars.count else { return false }
        for offset in cue.indices where lowercase(scalars[index + offset]) != cue[offset] { return false }
        return true
    }

    private static func lowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32) ?? scalar : scalar
    }

    /// 0-9 and full-width ０-９.
    static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x30...0x39: Int(scalar.value - 0x30)
        case 0xFF10...0xFF19: Int(scalar.value - 0xFF10)
        default: nil
        }
    }

    private static func isPasswordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        return scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "!@#$%^&*._-".unicodeScalars.contains(scalar)
    }

    private static func isEmailLocal(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._%+-".unicodeScalars.contains(scalar))
    }

    private static func isEmailDomain(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "." || scalar == "-")
    }
}
