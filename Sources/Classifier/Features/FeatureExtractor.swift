/// Character and pinyin n-grams of a normalised message, as 64-bit feature hashes.
///
/// Two channels: the character channel sees Han characters, Latin words and numbers; the pinyin channel
/// sees each Han character's toneless syllable and typed pinyin. Both take n-grams of `orders` (1 to 3 by
/// default) within a run of tokens between boundaries, plus start and end markers around the message, so
/// a bare `是` differs from the `是` inside `是不是`. The pinyin channel lets `花贝`, `花呗` and `huabei`
/// share features.
struct FeatureExtractor: Sendable {
    var characterOrders: ClosedRange<Int>
    var pinyinOrders: ClosedRange<Int>

    enum Channel: UInt64 {
        case character = 1
        case pinyin = 2
        /// Message-level concepts and their pairs (`KeyConcepts`).
        case concept = 3
    }

    /// Whether to add the message-level concept features.
    var concepts = true

    static let startMarker: UInt64 = 0x7FFF_FFFF_FFFF_FF01
    static let endMarker: UInt64 = 0x7FFF_FFFF_FFFF_FF02
    /// Mixed into the unit of a token inside a negation's scope.
    static let negationMask: UInt64 = 0x4E07_0000_0000_0000

    init(characterOrders: ClosedRange<Int> = 1...3, pinyinOrders: ClosedRange<Int> = 1...3) {
        self.characterOrders = characterOrders
        self.pinyinOrders = pinyinOrders
    }

    /// Appends the feature hashes of `text` to `features` (repeats included: they count as term frequency).
    /// Only the message's feature tokens count, not a leading opener such as `请问一下`.
    func extract(_ text: NormalizedText, into features: inout [UInt64]) {
        text.tokens.withUnsafeBufferPointer { tokens in
            let featureTokens = UnsafeBufferPointer(rebasing: tokens[text.featureStart...])
            addNGrams(featureTokens, channel: .character, into: &features)
            addNGrams(featureTokens, channel: .pinyin, into: &features)
        }
        if concepts { addConcepts(text, into: &features) }
    }

    private func addConcepts(_ text: NormalizedText, into features: inout [UInt64]) {
        let present = KeyConcepts.shared.presentSet(in: text)
        guard present != 0 else { return }
        let start = features.count
        KeyConcepts.shared.keys(present, into: &features)
        for index in start..<features.count { features[index] = Self.mix(Self.seed(.concept) ^ features[index]) }
    }

    /// The readable n-grams of `text` with their hashes, for explanations.
    func namedFeatures(_ text: NormalizedText) -> [(hash: UInt64, name: String)] {
        var result: [(UInt64, String)] = []
        for channel in [Channel.character, .pinyin] {
            var units: [(UInt64, String)] = [(Self.startMarker, "^")]
            for token in text.featureTokens {
                let unit = Self.unit(of: token, in: channel)
                let name = channel == .character ? token.text : PinyinTable.shared.syllables[Int(token.syllable)]
                units.append((unit, unit == 0 ? "" : token.negated ? "¬" + name : name))
            }
            units.append((Self.endMarker, "$"))
            let orders = channel == .character ? characterOrders : pinyinOrders
            for order in orders {
                guard units.count >= order else { continue }
                for start in 0...(units.count - order) {
                    let window = units[start..<(start + order)]
                    guard !window.contains(where: { $0.0 == 0 }), !Self.isOnlyMarker(window.map(\.0)) else { continue }
                    let hash = Self.hash(window.map(\.0), channel: channel)
                    let separator = channel == .pinyin ? " " : ""
                    let name = window.map(\.1).joined(separator: separator)
                    result.append((hash, channel == .pinyin ? "[\(name)]" : name))
                }
            }
        }
        if concepts { result += conceptNames(text) }
        return result
    }

    private func conceptNames(_ text: NormalizedText) -> [(UInt64, String)] {
        var units: [(key: UInt64, name: String)] = []
        KeyConcepts.shared.units(KeyConcepts.shared.present(in: text), into: &units)
        return units.map { (Self.mix(Self.seed(.concept) ^ $0.key), $0.name) }
    }

    /// The n-grams of the channel's units: the start marker, each token's unit (0 breaks runs: a boundary, or a
    /// token this channel cannot see), the end marker. The units are read in place, not copied out first.
    private func addNGrams(_ tokens: UnsafeBufferPointer<NormalizedText.Token>, channel: Channel, into features: inout [UInt64]) {
        let orders = channel == .character ? characterOrders : pinyinOrders
        let count = tokens.count + 2
        @inline(__always) func unit(_ position: Int) -> UInt64 {
            position == 0 ? Self.startMarker : position == count - 1 ? Self.endMarker : Self.unit(of: tokens[position - 1], in: channel)
        }
        for start in 0..<count where unit(start) != 0 {
            var hash = Self.seed(channel)
            let first = unit(start)
            for order in 1...orders.upperBound {
                let position = start + order - 1
                guard position < count else { break }
                let value = order == 1 ? first : unit(position)
                guard value != 0 else { break }
                hash = Self.mix(hash ^ value)
                // A lone start or end marker says nothing.
                if order == 1, first == Self.startMarker || first == Self.endMarker { continue }
                if order >= orders.lowerBound { features.append(hash &+ UInt64(order)) }
            }
        }
    }

    /// What a token is in a channel: its symbol or syllable, marked when negated; 0 when the channel cannot see it.
    @inline(__always)
    static func unit(of token: NormalizedText.Token, in channel: Channel) -> UInt64 {
        let unit = channel == .character ? token.symbol : UInt64(token.syllable)
        return unit != 0 && token.negated ? unit ^ negationMask : unit
    }

    static func hash(_ units: [UInt64], channel: Channel) -> UInt64 {
        var hash = seed(channel)
        for unit in units { hash = mix(hash ^ unit) }
        return hash &+ UInt64(units.count)
    }

    private static func isOnlyMarker(_ units: [UInt64]) -> Bool {
        units.count == 1 && (units[0] == startMarker || units[0] == endMarker)
    }

    @inline(__always)
    private static func seed(_ channel: Channel) -> UInt64 { channel.rawValue &* 0x9E37_79B9_7F4A_7C15 }

    /// SplitMix64's finaliser: a fast, well-distributed 64-bit mix.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
