import BotConfig
import Foundation
import Yams

/// Reads one `Intents/<id>.yaml` into an `IntentDefinition`, collecting located problems.
struct IntentFileReader {
    let path: String
    private(set) var problems: [DataFileError] = []

    static let keys = ["id", "title", "category", "probe", "probe_yes_phrases", "probe_unsure", "rule_out_words", "examples", "reply", "followups", "diagnosis", "topic_answers"]
    static let followUpKeys = ["id", "question", "answers"]
    static let branchKeys = ["reply", "goto"]
    static let diagnosisKeys = ["causes", "no_cause_reply", "unsure_reply"]

    init(path: String) {
        self.path = path
    }

    mutating func read() -> IntentDefinition? {
        let file: YAMLFile
        do {
            file = try YAMLFile(path: path)
        } catch {
            problems.append(error)
            return nil
        }
        return read(file)
    }

    /// Reads an already parsed intent file (its `path` names the file in messages and gives the expected id).
    mutating func read(_ file: YAMLFile) -> IntentDefinition? {
        var reader = YAMLFieldReader(file: file)
        defer { problems += reader.problems }
        guard let fields = reader.fields(of: file.root, allowed: Self.keys, context: "an intent file") else { return nil }
        let root = file.root

        let id = reader.text(fields, "id", in: root, context: "the intent")
        if let id {
            let expected = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            if id != expected {
                reader.problem(fields["id"], "id '\(id)' does not match the file name: rename the file to \(id).yaml or set id: \(expected)")
            }
            if !Self.isSnakeCase(id) {
                reader.problem(fields["id"], "id '\(id)' must be lower_snake_case ASCII")
            }
        }
        let title = reader.text(fields, "title", in: root, context: "the intent")
        var category: IntentCategory?
        if let name = reader.text(fields, "category", in: root, context: "the intent") {
            category = IntentCategory(rawValue: name)
            if category == nil {
                reader.problem(fields["category"], "unknown category '\(name)'; use one of: \(IntentCategory.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        let probe = reader.optionalText(fields, "probe")
        if category == .cause, probe == nil, fields["probe"] == nil {
            reader.problem(root, "a cause needs a 'probe': the yes/no question the diagnosis flow asks about it")
        }
        if let category, category != .cause, fields["probe"] != nil {
            reader.problem(fields["probe"], "'probe' is only for intents of category cause")
        }

        let probeYesPhrases = reader.textList(fields["probe_yes_phrases"], key: "probe_yes_phrases")?.map(\.text) ?? []
        if fields["probe_yes_phrases"] != nil, category != .cause {
            reader.problem(fields["probe_yes_phrases"], "'probe_yes_phrases' is only for intents of category cause")
        }
        let probeUnsure = reader.optionalText(fields, "probe_unsure")
        if fields["probe_unsure"] != nil, category != .cause {
            reader.problem(fields["probe_unsure"], "'probe_unsure' is only for intents of category cause")
        }
        let ruleOutWords = reader.textList(fields["rule_out_words"], key: "rule_out_words")?.map(\.text) ?? []
        if fields["rule_out_words"] != nil, category != .cause {
            reader.problem(fields["rule_out_words"], "'rule_out_words' is only for intents of category cause")
        }
        var examples: [IntentDefinition.Example] = []
        if fields["examples"] == nil {
            reader.problem(root, "missing 'examples': list the messages that mean this intent")
        } else if let items = reader.textList(fields["examples"], key: "examples") {
            if items.isEmpty { reader.problem(fields["examples"], "'examples' is empty") }
            var seen: [String: Int?] = [:]
            for item in items {
                if let first = seen[item.text] {
                    reader.problem(line: item.line, "duplicate example '\(item.text)' (first at line \(first.map(String.init) ?? "?"))")
                    continue
                }
                seen[item.text] = item.line
                examples.append(.init(text: item.text, line: item.line))
            }
        }
        let reply = reader.text(fields, "reply", in: root, context: "the intent")

        var followUps: [FollowUp] = []
        if let value = fields["followups"] {
            if let sequence = value.sequence {
                for item in sequence {
                    if let followUp = readFollowUp(item, reader: &reader) { followUps.append(followUp) }
                }
            } else {
                reader.problem(value, "'followups' must be a list of questions")
            }
        }

        var diagnosis: Diagnosis?
        if let value = fields["diagnosis"] {
            if let diagnosisFields = reader.fields(of: value, allowed: Self.diagnosisKeys, context: "'diagnosis'") {
                let causes = reader.textList(diagnosisFields["causes"], key: "causes")
                if diagnosisFields["causes"] == nil { reader.problem(value, "missing 'causes' in 'diagnosis'") }
                let noCause = reader.text(diagnosisFields, "no_cause_reply", in: value, context: "'diagnosis'")
                let unsure = reader.optionalText(diagnosisFields, "unsure_reply")
                if let causes, let noCause {
                    diagnosis = Diagnosis(causes: causes.map(\.text), noCauseReply: noCause, unsureReply: unsure)
                }
            }
            if let category, category != .overview {
                reader.problem(value, "'diagnosis' is only for the intent of category overview")
            }
        }

        var topicAnswers: [IntentDefinition.TopicAnswer] = []
        if let value = fields["topic_answers"] {
            if let category, category != .cause {
                reader.problem(value, "'topic_answers' is only for intents of category cause")
            }
            if let pairs = value.stringKeyedPairs {
                for (kind, keyNode, answer) in pairs {
                    if topicAnswers.contains(where: { $0.kind == kind }) {
                        reader.problem(keyNode, "'\(kind)' is answered twice in 'topic_answers'")
                    } else if let text = reader.nonEmptyText(answer, key: kind) {
                        topicAnswers.append(.init(kind: kind, reply: text, line: keyNode.mark?.line))
                    }
                }
            } else {
                reader.problem(value, "'topic_answers' must be a mapping of question kinds (how_long, what_to_do …) to answers")
            }
        }

        guard let id, let title, let category, let reply else { return nil }
        return IntentDefinition(
            id: id, title: title, category: category, probe: probe, probeYesPhrases: probeYesPhrases, probeUnsure: probeUnsure,
            ruleOutWords: ruleOutWords,
            examples: examples, reply: reply,
            followUps: followUps, diagnosis: diagnosis, topicAnswers: topicAnswers, location: file.location(of: root)
        )
    }

    /// lower_snake_case ASCII: a letter, then letters, digits and underscores.
    static func isSnakeCase(_ id: String) -> Bool {
        guard let first = id.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else { return false }
        return id.utf8.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_") }
    }

    private func readFollowUp(_ node: Node, reader: inout YAMLFieldReader) -> FollowUp? {
        guard let fields = reader.fields(of: node, allowed: Self.followUpKeys, context: "a follow-up") else { return nil }
        let id = reader.text(fields, "id", in: node, context: "the follow-up")
        let question = reader.text(fields, "question", in: node, context: "the follow-up")
        guard let answersNode = fields["answers"] else {
            reader.problem(node, "missing 'answers' in the follow-up: give 'affirm' and 'deny'")
            return nil
        }
        guard let answers = reader.fields(of: answersNode, allowed: ["affirm", "deny"], context: "'answers'") else { return nil }
        var branches: [String: FollowUp.Branch] = [:]
        for key in ["affirm", "deny"] {
            guard let branchNode = answers[key] else {
                reader.problem(answersNode, "missing '\(key)' in 'answers': every question needs a branch for yes and for no")
                continue
            }
            guard let branchFields = reader.fields(of: branchNode, allowed: Self.branchKeys, context: "the '\(key)' answer") else { continue }
            let branch = FollowUp.Branch(reply: reader.optionalText(branchFields, "reply"), target: reader.optionalText(branchFields, "goto"))
            if branch.reply == nil, branch.target == nil, branchFields["reply"] == nil {
                reader.problem(branchNode, "the '\(key)' answer needs a 'reply', a 'goto', or both")
            }
            branches[key] = branch
        }
        guard let id, let question, let affirm = branches["affirm"], let deny = branches["deny"] else { return nil }
        return FollowUp(id: id, question: question, affirm: affirm, deny: deny, line: node.mark?.line)
    }
}
