import Classifier

/// The character pairs a message is compared by, after normalisation.
///
/// The normalised text (`TextNormalizer`: widths, case and traditional characters folded, typos from the
/// lexicon rewritten, punctuation and emoji turned into boundaries) is cut at its boundaries; each piece
/// gives its adjacent character pairs plus a start and an end marker pair (`^花`, `款$`), so a one-character
/// edit in a ten-character message changes two or three of eleven pairs. Messages with nothing left after
/// normalisation (emoji, dots) are compared by their own characters.
struct CharacterShingles {
    let normalizer: TextNormalizer

    /// The text messages are merged by when they normalise the same: the normalised text, or the
    /// trimmed message itself when normalisation leaves nothing.
    func key(for text: String) -> String {
        let normalized = normalizer.normalize(text)
        if normalized.isEmpty {
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return normalized.description
    }

    /// The distinct pair hashes of a key, sorted.
    func shingles(ofKey key: String) -> [UInt64] {
        var hashes: [UInt64] = []
        for piece in key.split(separator: " | ", omittingEmptySubsequences: true) {
            let characters = Array(piece)
            guard let first = characters.first, let last = characters.last else { continue }
            hashes.append(Self.hash(nil, first))
            for index in characters.indices.dropLast() {
                hashes.append(Self.hash(characters[index], characters[index + 1]))
            }
            hashes.append(Self.hash(last, nil))
        }
        hashes.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(hashes.count)
        for hash in hashes where unique.last != hash { unique.append(hash) }
        return unique
    }

    /// FNV-1a over both characters' scalars, with markers for the start and end of a piece. Stable across
    /// runs (unlike `Hasher`), so groups come out the same every time.
    static func hash(_ first: Character?, _ second: Character?) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ value: UInt32) {
            for shift in stride(from: 0, to: 32, by: 8) {
                hash ^= UInt64((value >> UInt32(shift)) & 0xFF)
                hash &*= 0x0000_0100_0000_01B3
            }
        }
        if let first { for scalar in first.unicodeScalars { mix(scalar.value) } } else { mix(0x11_0000) }
        mix(0x11_0001)
        if let second { for scalar in second.unicodeScalars { mix(scalar.value) } } else { mix(0x11_0002) }
        return hash
    }
}

#if canImport(Foundation)
import Foundation
#endif
