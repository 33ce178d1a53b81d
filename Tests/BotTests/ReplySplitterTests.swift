@testable import Bot
import Testing

/// Replies over 4,096 characters (UTF-16 units, as Telegram counts) are split at natural breaks.
struct ReplySplitterTests {
    let splitter = ReplySplitter()

    @Test func aShortReplyIsOnePart() {
        #expect(splitter.split("您好，请问有什么可以帮您？") == ["您好，请问有什么可以帮您？"])
        #expect(splitter.split(String(repeating: "花", count: 4096)).count == 1)
    }

    @Test func anEmptyReplyIsNoPart() {
        #expect(splitter.split("  \n ").isEmpty)
    }

    @Test func aLongReplyIsCutAtLineBreaksWithinTheLimit() {
        let paragraph = String(repeating: "花呗冻结了怎么办。", count: 40)  // 360 characters
        let text = Array(repeating: paragraph, count: 30).joined(separator: "\n")  // about 10,800
        let parts = splitter.split(text)
        #expect(parts.count == 3)
        #expect(parts.allSatisfy { $0.utf16.count <= 4096 })
        #expect(parts.allSatisfy { $0.hasSuffix("。") })
        #expect(parts.joined(separator: "\n") == text)
    }

    @Test func withoutBreaksItCutsBetweenCharactersNeverInsideOne() {
        // Emoji outside the BMP take two UTF-16 units: a cut inside one would corrupt it.
        let text = String(repeating: "😀", count: 3000)  // 6,000 units
        let parts = splitter.split(text)
        #expect(parts.count == 2)
        #expect(parts.allSatisfy { $0.utf16.count <= 4096 })
        #expect(parts.joined() == text)
        #expect(parts[0].utf16.count == 4096)
    }

    @Test func sentenceEndsAreTheNextBestBreak() {
        let sentence = "请先还清逾期欠款再等待系统更新"
        let text = Array(repeating: sentence + "。", count: 400).joined()  // 6,400 characters, no line break
        let parts = splitter.split(text)
        #expect(parts.count == 2)
        #expect(parts[0].hasSuffix("。"))
        #expect(parts.joined() == text)
    }
}
