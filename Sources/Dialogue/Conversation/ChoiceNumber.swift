/// Reads a numbered choice: `2`, `２`, `2.`, `第2个`, `二`, `选3`, `3号`.
enum ChoiceNumber {
    private static let chineseDigits: [Character: Int] = [
        "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
    ]

    static func parse(_ text: String) -> Int? {
        var core = Substring(text.trimmed)
        for prefix in ["选择", "选", "第", "no.", "#"] where core.lowercased().hasPrefix(prefix) {
            core = core.dropFirst(prefix.count)
            break
        }
        while let last = core.last, "个项条号吧。.!！、)）".contains(last) { core = core.dropLast() }
        while let first = core.first, "(（".contains(first) { core = core.dropFirst() }
        guard !core.isEmpty, core.count <= 2 else { return nil }
        if core.count == 1, let value = chineseDigits[core.first!] { return value }
        var value = 0
        for scalar in core.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39: value = value * 10 + Int(scalar.value - 0x30)
            case 0xFF10...0xFF19: value = value * 10 + Int(scalar.value - 0xFF10)  // full-width digits
            default: return nil
            }
        }
        return value > 0 ? value : nil
    }
}

#if canImport(Foundation)
import Foundation
#endif
