import Foundation

/// Finds and masks personal data in a message: phone numbers, ID numbers, bank card numbers,
/// verification codes, passwords and e-mail addresses. Logs keep only the masked text, and the bot never
/// repeats what it masked.
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

    private let passwordPattern: NSRegularExpression?
    private let codePattern: NSRegularExpression?
    private static let emailPattern = try? NSRegularExpression(
        pattern: "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"
    )
    /// Digit runs, allowing single spaces or dashes between groups (`6222 0202 1234 5678`), with an
    /// optional final X for ID numbers.
    private static let digitsPattern = try? NSRegularExpression(
        pattern: "(?<![0-9])[0-9０-９](?:[ -]?[0-9０-９]){3,}(?:[xX])?(?![0-9])"
    )

    /// Builds a redactor; the cue words announce passwords and codes (`密码是…`, `验证码…`).
    public init(passwordCues: [String], verificationCodeCues: [String]) {
        func alternation(_ cues: [String]) -> String {
            cues.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
                .map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|")
        }
        let passwords = alternation(passwordCues)
        let codes = alternation(verificationCodeCues)
        // A cue, a few joining characters (是, 为, :, spaces), then the secret itself.
        passwordPattern = passwords.isEmpty ? nil : try? NSRegularExpression(
            pattern: "(?:\(passwords))(?:是|为|是不是|:|：|=|\\s){0,3}([A-Za-z0-9!@#$%^&*._\\-]{4,})",
            options: [.caseInsensitive]
        )
        codePattern = codes.isEmpty ? nil : try? NSRegularExpression(
            pattern: "(?:\(codes))[^0-9０-９]{0,6}([0-9０-９]{4,8})(?![0-9])",
            options: [.caseInsensitive]
        )
    }

    /// Masks every piece of personal data in `text`.
    public func redact(_ text: String) -> Result {
        var kinds = Set<Kind>()
        var output = text
        if let passwordPattern { output = replace(passwordPattern, in: output, group: 1, kind: .password, &kinds) }
        if let codePattern { output = replace(codePattern, in: output, group: 1, kind: .verificationCode, &kinds) }
        if let emailPattern = Self.emailPattern { output = replace(emailPattern, in: output, group: 0, kind: .email, &kinds) }
        if let digitsPattern = Self.digitsPattern {
            output = replace(digitsPattern, in: output, group: 0, kind: nil, &kinds)
        }
        return Result(text: output, kinds: kinds)
    }

    private func replace(
        _ pattern: NSRegularExpression, in text: String, group: Int, kind: Kind?, _ kinds: inout Set<Kind>
    ) -> String {
        let source = text as NSString
        let matches = pattern.matches(in: text, range: NSRange(location: 0, length: source.length))
        guard !matches.isEmpty else { return text }
        let result = NSMutableString(string: text)
        for match in matches.reversed() {
            let range = match.range(at: group)
            guard range.location != NSNotFound else { continue }
            let found = source.substring(with: range)
            guard let resolved = kind ?? Self.classifyDigits(found) else { continue }
            kinds.insert(resolved)
            result.replaceCharacters(in: range, with: resolved.mask)
        }
        return result as String
    }

    /// What a bare run of digits most likely is, by its length; short numbers (amounts, days) are kept.
    static func classifyDigits(_ run: String) -> Kind? {
        let digits = run.unicodeScalars.filter { CharacterSet.decimalDigits.contains($0) }.count
        let endsWithX = run.last == "x" || run.last == "X"
        switch digits {
        case 11 where !endsWithX: return .phone
        case 15, 18: return .idNumber
        case 17 where endsWithX: return .idNumber
        case 16...19: return .cardNumber
        case 7...: return .cardNumber  // long enough to identify someone: mask, and treat as a secret
        default: return nil
        }
    }
}
