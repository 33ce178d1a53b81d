@testable import Dialogue
import Foundation
import Testing

/// `trimmed`: the dialogue's own trimming gives what Foundation's `.whitespacesAndNewlines` trimming gives.
struct TrimmedTests {
    @Test(arguments: [
        "  花呗用不了  ", "\n\t花呗\u{3000}", "\u{3000}全角空格\u{3000}", "中间 的 空格", "", "   ", "\r\n", "花呗", " a\nb ",
        "\u{00A0}不换行空格\u{00A0}",
    ])
    func matchesFoundationTrimming(_ text: String) {
        #expect(text.trimmed == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func trimsASubstringToo() {
        let line = "/start  欢迎 "
        #expect(line.dropFirst(6).trimmed == "欢迎")
    }
}
