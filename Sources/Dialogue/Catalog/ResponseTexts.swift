/// The texts the dialogue uses between intents, from `Intents/_responses.yaml`.
public struct ResponseTexts: Sendable, Equatable {
    /// Introduces the numbered menu of what the bot can help with.
    public var menuIntro: String
    /// The intents listed in that menu, in order.
    public var menu: [String]
    /// Introduces the numbered list of causes after the overview reply.
    public var causeListIntro: String
    /// Leads into the first diagnosis question.
    public var diagnosisIntro: String
    /// Before the first diagnosis question, when the message already ruled causes out; their titles follow.
    public var ruledOutIntro: String
    /// Asks which of two close intents the user meant; the options follow.
    public var ambiguous: String
    /// Added when an answer to a yes/no question was not understood.
    public var yesNoReprompt: String
    /// Added when a numbered choice was not understood.
    public var choiceReprompt: String
    /// Warning when a message contains a password, code, ID or card number.
    public var sensitiveWarning: String
    /// Warning about paid unfreezing services and cash-out agents.
    public var scamWarning: String
    /// For messages with nothing to read (empty, only emoji or punctuation).
    public var empty: String
    /// For messages that are not text (stickers, photos).
    public var nonText: String
    /// Said once in a Matrix room with end-to-end encryption, whose messages the bot cannot read.
    public var encryptedRoom: String
    /// The bot's commands (`/start`, `/help`, `/reset`, and any the operators add), in file order.
    public var commands: [BotCommandText]
    /// For a `/command` the bot does not know; the menu follows.
    public var unknownCommand: String
    /// Messages that ask for the menu (`菜单`, `你能做什么`): the menu, without an apology.
    public var menuWords: [String]
    /// Questions about the cause being discussed, by kind (`how_long`, `what_to_do` …), in file order.
    public var topicQuestions: [TopicQuestionKind]
    /// Words that say nothing beyond a menu request or a topic question (`花呗`, `恢复`, `请问`, `吗`).
    public var fillerWords: [String]
    /// The answer to a topic question the cause's file has no answer for.
    public var topicFallback: String
    /// Phrasings of "are there other causes?", which resume the diagnosis.
    public var otherCauses: [String]
    /// Leads into the next diagnosis question after "other causes?".
    public var otherCausesIntro: String

    /// Keys as written in the file, for validation and docs.
    static let fileKeys = [
        "menu_intro", "menu", "cause_list_intro", "diagnosis_intro", "ruled_out_intro", "ambiguous", "yes_no_reprompt",
        "choice_reprompt", "sensitive_warning", "scam_warning", "empty", "non_text", "encrypted_room",
        "commands", "unknown_command", "menu_words", "topic_questions", "filler_words", "topic_fallback", "other_causes",
        "other_causes_intro",
    ]

    /// The command `name` (`start`), if the file defines it.
    public func command(_ name: String) -> BotCommandText? {
        commands.first { $0.name == name }
    }
}

/// One bot command from `_responses.yaml`: its reply, and its description for the server's command list.
public struct BotCommandText: Sendable, Equatable {
    /// The command without its slash: `start`.
    public var name: String
    /// Shown by the chat app next to the command (`setMyCommands`); at most 256 characters.
    public var description: String
    /// What the bot answers.
    public var reply: String

    /// The commands the dialogue needs.
    public static let required = ["start", "help", "reset"]
    /// Telegram's limit for a command's description.
    public static let maxDescriptionLength = 256

    public init(name: String, description: String, reply: String) {
        self.name = name
        self.description = description
        self.reply = reply
    }
}

/// One kind of question about the cause being discussed (`how_long`), and the phrasings that ask it.
public struct TopicQuestionKind: Sendable, Equatable {
    /// The key the cause files answer it under (`topic_answers.how_long`), and its reply key suffix.
    public var id: String
    /// Phrasings: `多久`, `多长时间`, `什么时候能`.
    public var cues: [String]

    public init(id: String, cues: [String]) {
        self.id = id
        self.cues = cues
    }
}
