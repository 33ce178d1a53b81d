import BotConfig
import Classifier
import Yams

/// Reads `_responses.yaml` and `_lexicon.yaml`.
struct SharedFileReader {
    private var reader: YAMLFieldReader
    var problems: [DataFileError] { reader.problems }

    init(path: String) throws(DataFileError) {
        reader = YAMLFieldReader(file: try YAMLFile(path: path))
    }

    mutating func readResponses() -> ResponseTexts? {
        let root = reader.file.root
        guard let fields = reader.fields(of: root, allowed: ResponseTexts.fileKeys, context: "the responses file") else { return nil }
        func text(_ key: String) -> String? { reader.text(fields, key, in: root, context: "the responses file") }
        let menu = reader.textList(fields["menu"], key: "menu")
        if fields["menu"] == nil { reader.problem(root, "missing 'menu': the intents offered when a message is not understood") }
        guard let menuIntro = text("menu_intro"), let causeListIntro = text("cause_list_intro"),
              let diagnosisIntro = text("diagnosis_intro"), let ruledOutIntro = text("ruled_out_intro"), let ambiguous = text("ambiguous"),
              let yesNoReprompt = text("yes_no_reprompt"), let choiceReprompt = text("choice_reprompt"),
              let sensitiveWarning = text("sensitive_warning"), let scamWarning = text("scam_warning"),
              let empty = text("empty"), let nonText = text("non_text"), let menu
        else { return nil }
        return ResponseTexts(
            menuIntro: menuIntro, menu: menu.map(\.text), causeListIntro: causeListIntro,
            diagnosisIntro: diagnosisIntro, ruledOutIntro: ruledOutIntro, ambiguous: ambiguous, yesNoReprompt: yesNoReprompt,
            choiceReprompt: choiceReprompt, sensitiveWarning: sensitiveWarning, scamWarning: scamWarning,
            empty: empty, nonText: nonText
        )
    }

    static let lexiconKeys = ["replacements", "synonyms", "affirm_cues", "deny_cues", "sensitive_cues", "scam_cues", "scam_offers"]

    mutating func readLexicon() -> DialogueLexicon? {
        let root = reader.file.root
        guard let fields = reader.fields(of: root, allowed: Self.lexiconKeys, context: "the lexicon") else { return nil }
        var rewrites: [String: String] = [:]
        for section in ["replacements", "synonyms"] {
            guard let node = fields[section] else { continue }
            guard let pairs = node.stringKeyedPairs else {
                reader.problem(node, "'\(section)' must be a mapping of 'written: canonical' pairs")
                continue
            }
            for (key, keyNode, value) in pairs {
                guard !key.isEmpty, let replacement = value.scalar?.string else {
                    reader.problem(keyNode, "each entry of '\(section)' maps a word to the word it stands for")
                    continue
                }
                if rewrites[key] != nil {
                    reader.problem(keyNode, "'\(key)' is listed twice in the lexicon")
                }
                rewrites[key] = replacement
            }
        }
        func list(_ node: Node?, _ key: String) -> [String] {
            reader.textList(node, key: key)?.map(\.text) ?? []
        }
        var passwordCues: [String] = []
        var codeCues: [String] = []
        if let node = fields["sensitive_cues"] {
            if let sensitive = reader.fields(of: node, allowed: ["password", "verification_code"], context: "'sensitive_cues'") {
                passwordCues = list(sensitive["password"], "password")
                codeCues = list(sensitive["verification_code"], "verification_code")
            }
        }
        var offers: [String] = []
        var targets: [String] = []
        if let node = fields["scam_offers"] {
            if let combination = reader.fields(of: node, allowed: ["offer", "target"], context: "'scam_offers'") {
                offers = list(combination["offer"], "offer")
                targets = list(combination["target"], "target")
                if offers.isEmpty || targets.isEmpty {
                    reader.problem(node, "'scam_offers' needs both 'offer' words (middleman, agent, fee) and 'target' words (unfreeze, limit, cash out)")
                }
            }
        }
        return DialogueLexicon(
            normalization: NormalizationLexicon(replacements: rewrites),
            affirmCues: list(fields["affirm_cues"], "affirm_cues"),
            denyCues: list(fields["deny_cues"], "deny_cues"),
            passwordCues: passwordCues,
            verificationCodeCues: codeCues,
            scamCues: list(fields["scam_cues"], "scam_cues"),
            scamOffers: offers,
            scamTargets: targets
        )
    }
}
