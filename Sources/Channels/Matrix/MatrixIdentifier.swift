/// Matrix names rooms and events with strings (`!abc:example.org`, `$event`); the daemon keys chats and updates
/// with numbers. A stable 62-bit FNV-1a hash of the string is that number: the same room always gets the same chat
/// id, across restarts, and two of a few million rooms share one with a chance below one in a billion.
enum MatrixIdentifier {
    /// The positive number standing for `identifier`.
    static func number(_ identifier: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in identifier.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let value = Int64(bitPattern: hash & 0x3FFF_FFFF_FFFF_FFFF)
        return value == 0 ? 1 : value
    }

    /// `identifier` escaped for one URL path segment (room ids hold `!` and `:`, event ids `$`, transaction ids
    /// anything): everything but unreserved characters becomes `%XX`.
    static func pathSegment(_ identifier: String) -> String {
        var result = ""
        for byte in identifier.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                result += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
            }
        }
        return result
    }
}
