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

    /// Keys as written in the file, for validation and docs.
    static let fileKeys = [
        "menu_intro", "menu", "cause_list_intro", "diagnosis_intro", "ruled_out_intro", "ambiguous", "yes_no_reprompt",
        "choice_reprompt", "sensitive_warning", "scam_warning", "empty", "non_text",
    ]
}
