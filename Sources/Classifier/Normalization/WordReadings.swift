/// Word-level pinyin for characters with more than one reading.
///
/// `PinyinTable` gives each character one reading, so the pinyin channel reads `还款` as `hai kuan` while a
/// user typing pinyin writes `huankuan`. This table (`WordReadingsData.swift`) overrides the reading of
/// whole words, longest match first, so Han text and typed pinyin share features.
struct WordReadings: Sendable {
    static let shared = WordReadings(table: Self.table, pinyin: .shared)

    /// One word: its characters (folded code points) and their syllable ids.
    struct Entry: Sendable, Equatable {
        var characters: [UInt32]
        var syllables: [UInt16]
    }

    /// Entries by their first character, longest first.
    private let entriesByFirst: [UInt32: [Entry]]
    /// The words' first characters, checked before the dictionary.
    private let firstCharacters: ScalarFilter
    /// Lines of the table that could not be used (unknown syllable, count mismatch), for the tests.
    let problems: [String]

    init(table: String, pinyin: PinyinTable) {
        var entries: [UInt32: [Entry]] = [:]
        var problems: [String] = []
        for line in table.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard let word = fields.first, !word.hasPrefix("#") else { continue }
            let characters = TextNormalizer.foldScalars(String(word))
            let syllables = fields.dropFirst().compactMap { pinyin.syllableID(spelled: $0) }
            // A key must already be folded (simplified), or folded text would never match it.
            guard syllables.count == fields.count - 1, syllables.count == characters.count,
                  characters == word.unicodeScalars.map(\.value) else {
                problems.append(String(line))
                continue
            }
            entries[characters[0], default: []].append(Entry(characters: characters, syllables: syllables))
        }
        for first in entries.keys {
            entries[first]?.sort { $0.characters.count > $1.characters.count }
        }
        self.entriesByFirst = entries
        self.firstCharacters = ScalarFilter(entries.keys.map(UInt64.init))
        self.problems = problems
    }

    /// Rewrites the syllables of the Han tokens that spell a word of the table. Boundaries and tokens
    /// without a character (typed pinyin) never match, so words do not span them.
    func apply(to tokens: inout [NormalizedText.Token]) {
        var index = 0
        scanning: while index < tokens.count {
            if tokens[index].symbol <= UInt64(UInt32.max), firstCharacters.mayContain(tokens[index].symbol),
               let candidates = entriesByFirst[UInt32(truncatingIfNeeded: tokens[index].symbol)] {
                for entry in candidates where matches(entry, tokens, at: index) {
                    for offset in entry.syllables.indices { tokens[index + offset].syllable = entry.syllables[offset] }
                    index += entry.characters.count
                    continue scanning
                }
            }
            index += 1
        }
    }

    private func matches(_ entry: Entry, _ tokens: [NormalizedText.Token], at index: Int) -> Bool {
        guard index + entry.characters.count <= tokens.count else { return false }
        for offset in entry.characters.indices where tokens[index + offset].symbol != UInt64(entry.characters[offset]) {
            return false
        }
        return true
    }
}
