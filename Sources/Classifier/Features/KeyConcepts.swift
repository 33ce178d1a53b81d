/// Message-level features for the few things that decide most real questions: whose product the message is about
/// (花呗, 借呗, 芝麻信用, 支付宝) and what happened to it or what the user wants (frozen or closed by the system, closed
/// by choice, opened, repaid, paid late, a limit, a payment scene …).
///
/// Character n-grams see `借呗` and `用不了` but not that both stand in one message with other words between them,
/// nor that a message names 借呗 and no 花呗 at all. So each concept a message names gives a feature, every pair of
/// concepts in it gives one (`{借呗+不能用}`), and a message naming exactly one product gives `{only 借呗}`. A concept
/// whose words are negated (`没逾期`) does not count. They are read from the characters as typed, so a message typed
/// in pinyin has none (it keeps its n-grams), as in the pinyin-only view training adds.
struct KeyConcepts: Sendable {
    /// One concept: its name in explanations, its words, and whether it is a product.
    struct Concept: Sendable {
        var name: String
        var words: [[UInt64]]
        var isProduct: Bool
    }

    let concepts: [Concept]
    /// (concept, word) pairs by the word's first character, so a message is scanned once.
    private let wordsByFirst: [UInt64: [(concept: Int, word: [UInt64])]]
    /// The words' first characters, checked before the dictionary.
    private let firstCharacters: ScalarFilter

    static let shared = KeyConcepts(table: [
        ("花呗", true, ["花呗"]),
        ("借呗", true, ["借呗", "网商贷", "备用金"]),
        ("芝麻", true, ["芝麻"]),
        ("支付宝", true, ["支付宝"]),
        ("冻结", false, ["冻结", "冻了", "封", "禁用", "止付", "限制", "受限"]),
        ("关闭", false, ["关闭", "关了", "关掉", "停用", "停了", "注销", "取消", "收回"]),
        ("开通", false, ["开通", "开启", "激活", "申请", "重新开", "再开"]),
        ("不能用", false, ["用不了", "不能用", "无法", "付不了", "不可以", "使用不了", "不行", "用不成", "不让用", "没法"]),
        ("恢复", false, ["恢复", "解冻", "解除", "多久", "什么时候", "多长时间"]),
        ("逾期", false, ["逾期", "晚还", "没还", "不还", "拖欠", "延期", "推迟", "宽限", "晚了", "超了"]),
        ("还款", false, ["还款", "还清", "还了", "还完", "还上", "还钱", "结清"]),
        ("额度", false, ["额度", "提额", "降额"]),
        ("风险", false, ["风险", "异常", "被盗", "盗刷", "盗用", "验证", "人脸", "刷脸", "安全", "不是我用", "不是本人", "别人用"]),
        ("换", false, ["换了", "换啦", "换号", "换手机", "换成", "新手机", "新号", "改绑", "换绑", "更换", "改了"]),
        ("资料", false, ["手机号", "号码", "银行卡", "身份证", "证件", "登录", "登陆", "账号"]),
        ("过期", false, ["过期", "到期", "失效"]),
        ("场景", false, ["商家", "扫码", "淘宝", "话费", "线下", "收款", "充值", "付款", "支付", "店"]),
        ("账单", false, ["分期", "账单", "利息", "手续费", "退款"]),
        ("自己", false, ["我想", "我要", "帮我", "不想", "自己", "主动"]),
        ("被", false, ["被"]),
        ("芝麻分", false, ["分低", "分降", "分掉", "600"]),
        ("没用", false, ["没用", "不用", "没怎么用", "很少用", "没有使用", "没使用"]),
        ("客服", false, ["客服", "申诉", "人工", "投诉", "电话"]),
        ("套现", false, ["套现", "刷单", "违规", "交易频繁"]),
        ("维护", false, ["维护", "升级", "系统繁忙"]),
    ])

    init(table: [(String, Bool, [String])]) {
        concepts = table.map { name, isProduct, words in
            Concept(name: name, words: words.map { $0.unicodeScalars.map { UInt64($0.value) } }, isProduct: isProduct)
        }
        var byFirst: [UInt64: [(concept: Int, word: [UInt64])]] = [:]
        for (index, concept) in concepts.enumerated() {
            for word in concept.words where !word.isEmpty { byFirst[word[0], default: []].append((index, word)) }
        }
        wordsByFirst = byFirst
        firstCharacters = ScalarFilter(byFirst.keys)
    }

    /// The indices of the concepts `text` names (not negated), ascending.
    func present(in text: NormalizedText) -> [Int] {
        Self.indices(of: presentSet(in: text))
    }

    /// The concepts indices in a set of ``presentSet(in:)``, ascending.
    static func indices(of set: UInt64) -> [Int] {
        var indices: [Int] = []
        var bits = set
        while bits != 0 {
            indices.append(bits.trailingZeroBitCount)
            bits &= bits - 1
        }
        return indices
    }

    /// The concepts `text` names (not negated), a bit per concept index.
    func presentSet(in text: NormalizedText) -> UInt64 {
        let tokens = text.featureTokens
        var seen: UInt64 = 0  // a bit per concept; there are fewer than 64
        for position in tokens.indices where !tokens[position].negated && firstCharacters.mayContain(tokens[position].symbol) {
            guard let candidates = wordsByFirst[tokens[position].symbol] else { continue }
            for (concept, word) in candidates where seen & (1 << UInt64(concept)) == 0 && position + word.count <= tokens.endIndex {
                var offset = 1
                while offset < word.count && tokens[position + offset].symbol == word[offset] { offset += 1 }
                if offset == word.count { seen |= 1 << UInt64(concept) }
            }
        }
        return seen
    }

    /// The feature keys of the concepts present: each concept, each pair, and `only` the one product named.
    func keys(_ present: [Int], into keys: inout [UInt64]) {
        var set: UInt64 = 0
        for concept in present { set |= 1 << UInt64(concept) }
        self.keys(set, into: &keys)
    }

    /// The same keys for a set of ``presentSet(in:)``, in the same order, without an array of indices.
    func keys(_ present: UInt64, into keys: inout [UInt64]) {
        var products = 0
        var product = 0
        var rest = present
        while rest != 0 {
            let first = rest.trailingZeroBitCount
            rest &= rest - 1
            keys.append(UInt64(first + 1))
            var seconds = rest
            while seconds != 0 {
                let second = seconds.trailingZeroBitCount
                seconds &= seconds - 1
                keys.append(UInt64((first + 1) << 8 | (second + 1)))
            }
            if concepts[first].isProduct {
                products += 1
                product = first
            }
        }
        if products == 1 { keys.append(UInt64(0x1_0000 | (product + 1))) }
    }

    /// The same keys with their readable names, for explanations.
    func units(_ present: [Int], into units: inout [(key: UInt64, name: String)]) {
        let products = present.filter { concepts[$0].isProduct }
        for (position, first) in present.enumerated() {
            units.append((UInt64(first + 1), "{\(concepts[first].name)}"))
            for second in present[(position + 1)...] {
                units.append((UInt64((first + 1) << 8 | (second + 1)), "{\(concepts[first].name)+\(concepts[second].name)}"))
            }
        }
        if products.count == 1 {
            units.append((UInt64(0x1_0000 | (products[0] + 1)), "{only \(concepts[products[0]].name)}"))
        }
    }
}
