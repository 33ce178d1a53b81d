import Testing

@testable import LineEditor

@Suite("DisplayWidth")
struct DisplayWidthTests {
    @Test(arguments: [
        ("花", 2),
        ("a", 1),
        ("Ａ", 2),  // U+FF21 FULLWIDTH LATIN CAPITAL LETTER A
        ("Ｂ", 2),
        ("，", 2),  // U+FF0C FULLWIDTH COMMA
        ("￥", 2),  // U+FFE5 FULLWIDTH YEN SIGN
        ("ｶ", 1),  // U+FF76 HALFWIDTH KATAKANA LETTER KA
        ("。", 2),  // U+3002 IDEOGRAPHIC FULL STOP
        ("\u{3000}", 2),  // IDEOGRAPHIC SPACE
        ("あ", 2),
        ("カ", 2),
        ("한", 2),
        ("\u{1112}\u{1161}\u{11AB}", 2),  // 한 spelled with conjoining Jamo
        ("𠀀", 2),  // U+20000, CJK Extension B
        ("㐀", 2),  // U+3400, CJK Extension A
        ("😭", 2),
        ("👍🏽", 2),
        ("👨‍👩‍👧", 2),
        ("🇨🇳", 2),
        ("❤️", 2),  // U+2764 with VARIATION SELECTOR-16
        ("❤", 1),  // U+2764 alone has text presentation
        ("1", 1),  // digits are emoji components, but not wide
        ("é", 1),  // U+00E9, precomposed
        ("e\u{301}", 1),  // e + COMBINING ACUTE ACCENT
        ("\u{301}", 0),
        ("\u{200D}", 0),  // ZERO WIDTH JOINER
        ("\u{200B}", 0),  // ZERO WIDTH SPACE
        ("·", 1),  // East Asian Ambiguous counts as narrow
    ] as [(Character, Int)])
    func character(_ character: Character, columns: Int) {
        #expect(DisplayWidth.of(character) == columns)
    }

    @Test func strings() {
        #expect(DisplayWidth.of("ＡＢ") == 4)
        #expect(DisplayWidth.of("花呗ok") == 6)
        #expect(DisplayWidth.of("花呗冻结😭") == 10)
        #expect(DisplayWidth.of("") == 0)
    }

    @Test func blockEdges() {
        #expect(DisplayWidth.scalarWidth("\u{2FFF}") == 2)
        #expect(DisplayWidth.scalarWidth("\u{303E}") == 2)
        #expect(DisplayWidth.scalarWidth("\u{303F}") == 1)  // IDEOGRAPHIC HALF FILL SPACE is narrow
        #expect(DisplayWidth.scalarWidth("\u{FF60}") == 2)
        #expect(DisplayWidth.scalarWidth("\u{FF61}") == 1)  // half-width forms start here
        #expect(DisplayWidth.scalarWidth("\u{FFE6}") == 2)
        #expect(DisplayWidth.scalarWidth("\u{FFE8}") == 1)
        #expect(DisplayWidth.scalarWidth("\u{D7A3}") == 2)
        #expect(DisplayWidth.scalarWidth("\u{D7A4}") == 1)
        #expect(DisplayWidth.scalarWidth("\u{9FFF}") == 2)
        #expect(DisplayWidth.scalarWidth("\u{1F}") == 0)
    }
}
