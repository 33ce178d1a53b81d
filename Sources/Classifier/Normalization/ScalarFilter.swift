/// A 65,536-bit set over the low 16 bits of a code point or symbol: a cheap "certainly not" before a dictionary
/// lookup, which hashes. The tables that look up every character of every message (lexicon rewrites, word
/// readings, key concepts) start with only a few hundred characters, so most lookups stop here.
struct ScalarFilter: Sendable {
    private var words: [UInt64]

    init() {
        words = [UInt64](repeating: 0, count: 1 << 10)
    }

    init(_ values: some Sequence<UInt64>) {
        self.init()
        for value in values { insert(value) }
    }

    mutating func insert(_ value: UInt64) {
        let bit = Int(truncatingIfNeeded: value) & 0xFFFF
        words[bit >> 6] |= 1 << UInt64(bit & 63)
    }

    /// False when `value` is certainly not in the set; true when it may be.
    @inline(__always)
    func mayContain(_ value: UInt64) -> Bool {
        let bit = Int(truncatingIfNeeded: value) & 0xFFFF
        return words.withUnsafeBufferPointer { $0[bit >> 6] } & (1 << UInt64(bit & 63)) != 0
    }
}
