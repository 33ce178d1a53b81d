/// The intents, questions and messages generated conversations are made of. They mirror the shape of
/// `Intents/` (a diagnosis flow over six causes, one follow-up question per cause) without reading it.
public enum ScriptedCatalog {
    public static let overview = "freeze_overview"
    public static let causes = ["overdue", "cash_out", "credit_score", "low_activity", "account_security", "maintenance"]

    /// The follow-up question each cause asks after its remedy.
    public static func followUp(of cause: String) -> String {
        switch cause {
        case "overdue": "overdue.repaid"
        case "cash_out": "cash_out.stopped"
        case "credit_score": "credit_score.below_600"
        case "low_activity": "low_activity.used_recently"
        case "account_security": "account_security.changed_phone"
        default: "maintenance.waited"
        }
    }

    /// A message naming a cause directly.
    static let causeMessages: [String: [String]] = [
        "overdue": ["花呗逾期了现在还能用吗", "借呗逾期了花呗也被关了"],
        "cash_out": ["花呗套现被发现了会怎样", "刷单以后花呗就不能用了"],
        "credit_score": ["芝麻分掉到580了花呗被关", "芝麻信用分下降花呗用不了"],
        "low_activity": ["花呗很久没用了现在被关了", "从来没用过花呗就被冻结了"],
        "account_security": ["换了手机号花呗就用不了了", "账号被盗以后花呗被冻结"],
        "maintenance": ["花呗是不是在系统维护", "系统升级花呗暂时不能用吗"],
    ]

    static let overviewMessages = ["花呗用不了了", "我的花呗怎么被冻结了", "花呗突然不能用了怎么办"]
    static let yesMessages = ["是的", "对", "有的", "嗯嗯"]
    static let noMessages = ["没有", "不是", "没有过"]
    static let smalltalk: [(intent: String, text: String)] = [("greeting", "你好"), ("thanks", "谢谢"), ("goodbye", "再见")]
    /// Messages that are ambiguous between two intents but confident enough not to count as not understood.
    static let confidentAmbiguous = ["花呗和借呗都关了是不是风控", "花呗冻结了还逾期了"]

    /// Frequent not-understood messages. Each is written as is and as small edits of itself; each family
    /// must come out of the report as one group. Ten characters or more, so a one-character edit keeps
    /// most of the character pairs.
    public static let notUnderstoodBases = [
        "花呗怎么分期还款比较划算",
        "借呗的额度为什么一直不涨呢",
        "余额宝里的钱怎么转到银行卡上",
        "今天天气怎么样会不会下雨啊",
        "蚂蚁森林的能量为什么收不了",
        "信用卡还款日可以推迟几天吗",
        "帮我查一下快递现在到哪里了",
        "支付宝年度账单在哪里可以看到",
        "你们是机器人还是真人客服啊",
        "怎么开通亲情卡给爸妈一起用",
        "网上买的衣服想退货运费谁出",
        "医保电子凭证在支付宝哪里领",
    ]

    /// The message a user gives when they cannot answer a question; a family of its own.
    public static let unclearAnswerBase = "我也不太清楚当时是什么情况"

    /// Messages with nothing to classify: two families (crying, thumbs up) and dots.
    static let emptyFamilies: [String: [String]] = [
        "😭😭": ["😭😭", "😭"],
        "👍👍👍": ["👍👍👍", "👍👍"],
        "。。。。。": ["。。。。。", "。。。。。。"],
    ]

    /// Particles and punctuation a user adds or leaves out.
    static let particles = ["啊", "呢", "吧", "呀"]
    static let substitutes = Array("的了是在有这个我们你他她它")
}
