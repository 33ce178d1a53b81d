/// A small, fast JSON writer for the line formats the CLI prints in bulk (`classify --jsonl` writes
/// hundreds of thousands of lines; Foundation's encoder would spend most of the time there).
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 512) {
        bytes.reserveCapacity(capacity)
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0x00..<0x20:
                raw("\\u00")
                bytes.append(Self.hex[Int(byte >> 4)])
                bytes.append(Self.hex[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A number in [0, 1] or beyond, rounded to four decimals, without trailing zeros (`0.5`, `1`, `0.0312`).
    mutating func number(_ value: Double) {
        guard value.isFinite else { raw("0"); return }
        var scaled = Int64((abs(value) * 10_000).rounded())
        if value < 0, scaled != 0 { bytes.append(UInt8(ascii: "-")) }
        let whole = scaled / 10_000
        scaled %= 10_000
        bytes.append(contentsOf: String(whole).utf8)
        guard scaled != 0 else { return }
        bytes.append(UInt8(ascii: "."))
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: 4)
        for index in stride(from: 3, through: 0, by: -1) {
            digits[index] = UInt8(ascii: "0") + UInt8(scaled % 10)
            scaled /= 10
        }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        bytes.append(contentsOf: digits)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)
}
