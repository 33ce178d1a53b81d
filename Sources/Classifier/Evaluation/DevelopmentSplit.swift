/// A fixed split of a labelled set into a part to choose with and a part to confirm with.
///
/// Each message goes to a part by a seeded hash of its text alone (FNV-1a over the seed and the UTF-8 bytes,
/// then SplitMix64's finaliser): the same text lands in the same part on every machine and every run, whatever
/// the order of the file or the lines added to it, and the same sentence typed twice never sits on both sides.
/// About 70% of the messages go to ``Part/choose``. Swift's `Hasher` is seeded per process, so it cannot be used.
///
/// The same rule in Python, for scripts that score other classifiers on the same parts:
/// ```python
/// h = 0xcbf29ce484222325 ^ mix(seed)
/// for b in text.encode(): h = ((h ^ b) * 0x100000001b3) % 2**64
/// part = "choose" if mix(h) % 100 < 70 else "confirm"
/// ```
public struct DevelopmentSplit: Sendable, Equatable {
    /// One side of the split.
    public enum Part: String, Sendable, CaseIterable, Codable {
        /// The part examples, features and thresholds are chosen with: look at its errors.
        case choose
        /// The part that only confirms a choice: measure it, do not tune on it.
        case confirm
    }

    /// The seed used unless another is given.
    public static let defaultSeed: UInt64 = 11
    /// Percent of messages in the choose part.
    public static let choosePercent: UInt64 = 70

    public var seed: UInt64

    public init(seed: UInt64 = Self.defaultSeed) {
        self.seed = seed
    }

    /// The part `text` belongs to; leading and trailing spaces do not count.
    public func part(of text: String) -> Part {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ FeatureExtractor.mix(seed)
        for byte in Self.trimmed(text).utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return FeatureExtractor.mix(hash) % 100 < Self.choosePercent ? .choose : .confirm
    }

    /// The examples of `part`, in their order.
    public func select(_ part: Part, from examples: [TrainingExample]) -> [TrainingExample] {
        examples.filter { self.part(of: $0.text) == part }
    }

    private static func trimmed(_ text: String) -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) }) else {
            return text[text.endIndex...]
        }
        return text[first...last]
    }
}
