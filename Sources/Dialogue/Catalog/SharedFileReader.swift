import BotConfig
import Classifier
import Yams

/// Reads `_responses.yaml` and `_lexicon.yaml`.
struct SharedFileReader {
    private var reader: YAMLFieldReader
    var problems: [DataFileError] { reader.problems }

    init(path: String) throws(DataFileError) {
        self.init(file: try YAMLFile(path: path))
    }

    /// Reads an already parsed file.
    init(file: YAMLFile) {
        reader = YAMLFieldReader(file: file)
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
              let empty = text("empty"), let nonText = text("non_text"), let encryptedRoom = text("encrypted_room"), let menu
        else { return nil }
        let commands = readCommands(fields["commands"], in: root)
        let unknownCommand = text("unknown_command")
        let menuWords = requiredList(fields, "menu_words", in: root, meaning: "the words that ask for the menu")
        let topicQuestions = readTopicQuestions(fields["topic_questions"], in: root)
        let fillerWords = requiredList(fields, "filler_words", in: root, meaning: "the words that say nothing beyond a menu request or a topic question", allowEmpty: true)
        let topicFallback = text("topic_fallback")
        let otherCauses = requiredList(fields, "other_causes", in: root, meaning: "the phrasings of 'other causes?'")
        let otherCausesIntro = text("other_causes_intro")
        guard let commands, let unknownCommand, let menuWords, let topicQuestions, let fillerWords, let topicFallback,
              let otherCauses, let otherCausesIntro
        else { return nil }
        return ResponseTexts(
            menuIntro: menuIntro, menu: menu.map(\.text), causeListIntro: causeListIntro,
            diagnosisIntro: diagnosisIntro, ruledOutIntro: ruledOutIntro, ambiguous: ambiguous, yesNoReprompt: yesNoReprompt,
            choiceReprompt: choiceReprompt, sensitiveWarning: sensitiveWarning, scamWarning: scamWarning,
            empty: empty, nonText: nonText, encryptedRoom: encryptedRoom, commands: commands, unknownCommand: unknownCommand, menuWords: menuWords,
            topicQuestions: topicQuestions, fillerWords: fillerWords, topicFallback: topicFallback, otherCauses: otherCauses,
            otherCausesIntro: otherCausesIntro
        )
    }

    /// A required list of phrases.
    private mutating func requiredList(
        _ fields: [String: Node], _ key: String, in root: Node?, meaning: String, allowEmpty: Bool = false
    ) -> [String]? {
        guard let node = fields[key] else {
            reader.problem(root, "missing '\(key)': \(meaning)")
            return nil
        }
        guard let items = reader.textList(node, key: key) else { return nil }
        if items.isEmpty, !allowEmpty {
            reader.problem(node, "'\(key)' is empty: list \(meaning)")
            return nil
        }
        return items.map(\.text)
    }

    static let commandKeys = ["description", "reply"]

    /// `commands:` — `name: {description, reply}`; names as Telegram allows them; start, help and reset required.
    private mutating func readCommands(_ node: Node?, in root: Node?) -> [BotCommandText]? {
        guard let node else {
            reader.problem(root, "missing 'commands': the replies to /start, /help and /reset")
            return nil
        }
        guard let pairs = node.stringKeyedPairs else {
            reader.problem(node, "'commands' must be a mapping of command names (start, help, reset) to a description and a reply")
            return nil
        }
        var commands: [BotCommandText] = []
        var valid = true
        for (name, keyNode, value) in pairs {
            if !Self.isCommandName(name) {
                reader.problem(keyNode, "command '\(name)' must be 1 to 32 characters from a-z, 0-9 and _, without the slash")
                valid = false
                continue
            }
            if commands.contains(where: { $0.name == name }) {
                reader.problem(keyNode, "command '\(name)' is listed twice")
                valid = false
                continue
            }
            guard let commandFields = reader.fields(of: value, allowed: Self.commandKeys, context: "the command '\(name)'") else {
                valid = false
                continue
            }
            let description = reader.text(commandFields, "description", in: value, context: "the command '\(name)'")
            let reply = reader.text(commandFields, "reply", in: value, context: "the command '\(name)'")
            if let description, description.count > BotCommandText.maxDescriptionLength {
                reader.problem(
                    commandFields["description"],
                    "the description of '\(name)' has \(description.count) characters; the chat servers take at most \(BotCommandText.maxDescriptionLength)")
                valid = false
            }
            guard let description, let reply else {
                valid = false
                continue
            }
            commands.append(BotCommandText(name: name, description: description, reply: reply))
        }
        for required in BotCommandText.required where !commands.contains(where: { $0.name == required }) && !pairs.contains(where: { $0.0 == required }) {
            reader.problem(node, "missing command '\(required)' in 'commands': the dialogue answers /\(required) with it")
            valid = false
        }
        return valid ? commands : nil
    }

    /// Telegram's rule for command names: 1–32 of a-z, 0-9, _.
    static func isCommandName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 32
            && name.utf8.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_") }
    }

    /// `topic_questions:` — `kind: [phrasings]`, kinds in lower_snake_case.
    private mutating func readTopicQuestions(_ node: Node?, in root: Node?) -> [TopicQuestionKind]? {
        guard let node else {
            reader.problem(root, "missing 'topic_questions': the phrasings of questions about the cause being discussed, by kind")
            return nil
        }
        guard let pairs = node.stringKeyedPairs, !pairs.isEmpty else {
            reader.problem(node, "'topic_questions' must be a mapping of question kinds (how_long, what_to_do …) to lists of phrasings")
            return nil
        }
        var kinds: [TopicQuestionKind] = []
        var valid = true
        for (kind, keyNode, value) in pairs {
            guard IntentFileReader.isSnakeCase(kind) else {
                reader.problem(keyNode, "question kind '\(kind)' must be lower_snake_case ASCII")
                valid = false
                continue
            }
            guard let cues = reader.textList(value, key: kind) else {
                valid = false
                continue
            }
            if cues.isEmpty {
                reader.problem(value, "'\(kind)' lists no phrasing")
                valid = false
            }
            kinds.append(TopicQuestionKind(id: kind, cues: cues.map(\.text)))
        }
        return valid ? kinds : nil
    }

    static let lexiconKeys = ["replacements", "synonyms", "affirm_cues", "deny_cues", "unsure_cues", "sensitive_cues", "scam_cues", "scam_offers", "scam_detector"]

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
        let detector = fields["scam_detector"].flatMap { readScamDetector($0) } ?? ScamDetectorExamples()
        return DialogueLexicon(
            normalization: NormalizationLexicon(replacements: rewrites),
            affirmCues: list(fields["affirm_cues"], "affirm_cues"),
            denyCues: list(fields["deny_cues"], "deny_cues"),
            unsureCues: list(fields["unsure_cues"], "unsure_cues"),
            passwordCues: passwordCues,
            verificationCodeCues: codeCues,
            scamCues: list(fields["scam_cues"], "scam_cues"),
            scamOffers: offers,
            scamTargets: targets,
            scamDetector: detector
        )
    }

    /// The `scam_detector` block: `threshold` (a probability strictly between 0 and 1), `offers` and `ordinary` (lists,
    /// both non-empty, no message in both).
    mutating func readScamDetector(_ node: Node) -> ScamDetectorExamples? {
        guard let fields = reader.fields(of: node, allowed: ["threshold", "offers", "ordinary"], context: "'scam_detector'") else { return nil }
        var threshold = 0.5
        if let value = fields["threshold"] {
            if let number = value.scalar.flatMap({ Double($0.string.trimmed) }), number > 0, number < 1 {
                threshold = number
            } else {
                reader.problem(value, "'threshold' of 'scam_detector' must be a probability between 0 and 1 (exclusive), such as 0.6")
            }
        } else {
            reader.problem(node, "missing 'threshold' in 'scam_detector'")
        }
        let offers = reader.textList(fields["offers"], key: "offers") ?? []
        let ordinary = reader.textList(fields["ordinary"], key: "ordinary") ?? []
        if offers.isEmpty || ordinary.isEmpty {
            reader.problem(node, "'scam_detector' needs both 'offers' (scam offers) and 'ordinary' (messages that are not offers)")
        }
        let offerTexts = Set(offers.map(\.text))
        for item in ordinary where offerTexts.contains(item.text) {
            reader.problem(line: item.line, "'\(item.text)' is both an offer and an ordinary message in 'scam_detector'")
        }
        return ScamDetectorExamples(offers: offers.map(\.text), ordinary: ordinary.map(\.text), threshold: threshold)
    }
}
