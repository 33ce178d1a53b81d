import BotConfig
import Classifier

/// Checks that span files: unique follow-up ids, jump targets that exist, the diagnosis flow's causes,
/// the menu, the intents the engine relies on, and examples that say the same thing in two intents.
struct CatalogValidator {
    let catalog: IntentCatalog
    let responsesPath: String

    func validate() -> [DataFileError] {
        var problems: [DataFileError] = []
        let ids = Set(catalog.intents.map(\.id))
        func at(_ intent: IntentDefinition, line: Int? = nil) -> SourceLocation {
            SourceLocation(file: intent.location.file, line: line ?? intent.location.line)
        }

        for required in IntentCatalog.requiredIntents where !ids.contains(required) {
            problems.append(DataFileError(SourceLocation(file: IntentCatalogLoader.defaultDirectory), "missing intent '\(required)': the dialogue needs it (add \(required).yaml)"))
        }
        // out_of_scope is the fallback; other fallback files are its off-topic subjects, which only answer.
        for intent in catalog.intents where catalog.isTopic(intent) {
            if !intent.followUps.isEmpty {
                problems.append(DataFileError(at(intent, line: intent.followUps[0].line), "an off-topic subject (category fallback) has no follow-ups: it answers and offers the menu"))
            }
        }
        if let fallback = catalog.intent(IntentCatalog.outOfScope), fallback.category != .fallback {
            problems.append(DataFileError(at(fallback), "out_of_scope must have category fallback"))
        }
        let overviews = catalog.intents.filter { $0.category == .overview }
        for intent in overviews where intent.diagnosis == nil {
            problems.append(DataFileError(at(intent), "an overview intent needs a 'diagnosis' block with its causes"))
        }

        // Follow-up ids are unique and their jumps lead somewhere.
        var followUpOwner: [String: String] = [:]
        for intent in catalog.intents {
            for followUp in intent.followUps {
                if let owner = followUpOwner[followUp.id] {
                    problems.append(DataFileError(at(intent, line: followUp.line), "follow-up id '\(followUp.id)' is already used in \(owner).yaml"))
                } else if ids.contains(followUp.id) || followUp.id == DialogueTargets.diagnose {
                    problems.append(DataFileError(at(intent, line: followUp.line), "follow-up id '\(followUp.id)' clashes with an intent id or 'diagnose'"))
                } else {
                    followUpOwner[followUp.id] = intent.id
                }
            }
        }
        for intent in catalog.intents {
            for followUp in intent.followUps {
                for (answer, branch) in [("affirm", followUp.affirm), ("deny", followUp.deny)] {
                    guard let target = branch.target else { continue }
                    if !ids.contains(target), followUpOwner[target] == nil, target != DialogueTargets.diagnose {
                        problems.append(DataFileError(at(intent, line: followUp.line), "the '\(answer)' answer of '\(followUp.id)' goes to '\(target)', which is neither an intent, a follow-up id nor 'diagnose'"))
                    }
                    if target == followUp.id {
                        problems.append(DataFileError(at(intent, line: followUp.line), "the '\(answer)' answer of '\(followUp.id)' goes back to the same question"))
                    }
                }
            }
        }

        // The diagnosis flow probes causes that exist and have a probe.
        for intent in catalog.intents {
            guard let diagnosis = intent.diagnosis else { continue }
            if diagnosis.causes.isEmpty {
                problems.append(DataFileError(at(intent), "'diagnosis.causes' lists no cause"))
            }
            for cause in diagnosis.causes {
                guard let definition = catalog.intent(cause) else {
                    problems.append(DataFileError(at(intent), "'diagnosis.causes' names '\(cause)', which has no intent file"))
                    continue
                }
                if definition.category != .cause {
                    problems.append(DataFileError(at(intent), "'diagnosis.causes' names '\(cause)', which is not of category cause"))
                }
            }
        }

        // The menu offers intents that exist.
        for entry in catalog.responses.menu where !ids.contains(entry) {
            problems.append(DataFileError(SourceLocation(file: responsesPath), "'menu' names '\(entry)', which has no intent file"))
        }

        // Topic answers answer kinds of question the responses file lists.
        let kinds = Set(catalog.responses.topicQuestions.map(\.id))
        for intent in catalog.intents {
            for answer in intent.topicAnswers where !kinds.contains(answer.kind) {
                problems.append(DataFileError(at(intent, line: answer.line), "'topic_answers' answers '\(answer.kind)', which is not a kind of 'topic_questions' in _responses.yaml (\(catalog.responses.topicQuestions.map(\.id).joined(separator: ", ")))"))
            }
        }

        // The same message in two intents teaches the classifier a contradiction.
        let normalizer = TextNormalizer(lexicon: catalog.lexicon.normalization)
        var firstByText: [String: (intent: IntentDefinition, line: Int?)] = [:]
        var firstByNormalized: [String: (intent: IntentDefinition, line: Int?)] = [:]
        for intent in catalog.intents {
            for example in intent.examples {
                if let first = firstByText[example.text], first.intent.id != intent.id {
                    problems.append(DataFileError(at(intent, line: example.line), "example '\(example.text)' is also in \(first.intent.id).yaml:\(first.line.map(String.init) ?? "?"): an example belongs to one intent"))
                    continue
                }
                firstByText[example.text] = firstByText[example.text] ?? (intent, example.line)
                let normalized = normalizer.normalize(example.text)
                guard !normalized.isEmpty else { continue }
                let key = normalized.description
                if let first = firstByNormalized[key], first.intent.id != intent.id {
                    problems.append(DataFileError(at(intent, line: example.line), "example '\(example.text)' reads the same as \(first.intent.id).yaml:\(first.line.map(String.init) ?? "?") after normalisation (\(key)): an example belongs to one intent"))
                } else if firstByNormalized[key] == nil {
                    firstByNormalized[key] = (intent, example.line)
                }
            }
        }
        return problems
    }
}

/// Special jump targets.
enum DialogueTargets {
    /// Resume (or start) the diagnosis flow.
    static let diagnose = "diagnose"
}
