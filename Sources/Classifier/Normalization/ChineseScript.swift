/// Traditional to simplified Chinese, one character at a time.
///
/// The table is generated from ICU's `Hant-Hans` transform by `Scripts/generate-script-tables.swift`, so
/// start-up never pays for ICU. Character-by-character conversion misses a few context-dependent words,
/// which do not matter for recognising intents.
enum ChineseScript {
    /// Simplified code point for each traditional one the table knows.
    static let simplifiedByTraditional: [UInt32: UInt32] = {
        var table: [UInt32: UInt32] = [:]
        var pending: UInt32?
        for scalar in traditionalToSimplifiedPairs.unicodeScalars {
            if let traditional = pending {
                table[traditional] = scalar.value
                pending = nil
            } else {
                pending = scalar.value
            }
        }
        return table
    }()

    /// The traditional code points, checked before the dictionary: every Han character of every message is looked
    /// up, and most are simplified already. (Exact for the Basic Multilingual Plane, where the bit is the code point.)
    static let traditional = ScalarFilter(simplifiedByTraditional.keys.map(UInt64.init))

    /// The simplified form of `value`, or `value` itself.
    static func simplified(_ value: UInt32) -> UInt32 {
        guard traditional.mayContain(UInt64(value)) else { return value }
        return simplifiedByTraditional[value] ?? value
    }
}
