import Testing

@testable import LineEditor

@Suite("History navigation")
struct HistoryNavigationTests {
    private let history = ["花呗怎么还款", "借呗额度", "花呗冻结了"]

    private func type(_ text: String, into session: inout EditSession) {
        _ = session.handle(.text(text))
    }

    @Test func upWalksBackFromTheNewestEntry() {
        var session = EditSession(history: history)
        #expect(session.handle(.up) == .redraw)
        #expect(session.buffer.text == "花呗冻结了")
        #expect(session.buffer.isCursorAtEnd)
        #expect(session.handle(.up) == .redraw)
        #expect(session.buffer.text == "借呗额度")
        #expect(session.handle(.up) == .redraw)
        #expect(session.buffer.text == "花呗怎么还款")
        #expect(session.handle(.up) == .bell)
        #expect(session.buffer.text == "花呗怎么还款")
    }

    @Test func downBringsBackTheLineBeingTyped() {
        var session = EditSession(history: history)
        type("我的额", into: &session)
        _ = session.handle(.left)
        _ = session.handle(.up)
        _ = session.handle(.up)
        #expect(session.buffer.text == "借呗额度")
        _ = session.handle(.down)
        #expect(session.buffer.text == "花呗冻结了")
        _ = session.handle(.down)
        #expect(session.buffer.text == "我的额")
        #expect(session.buffer.cursor == 2)  // where it was left
        #expect(session.handle(.down) == .bell)
        #expect(session.buffer.text == "我的额")
    }

    @Test func editsToARecalledEntryAreKeptWhileNavigating() {
        var session = EditSession(history: history)
        _ = session.handle(.up)
        _ = session.handle(.backspace)
        type("啦", into: &session)
        #expect(session.buffer.text == "花呗冻结啦")
        _ = session.handle(.up)
        _ = session.handle(.down)
        #expect(session.buffer.text == "花呗冻结啦")
        #expect(session.handle(.enter) == .submit("花呗冻结啦"))
    }

    @Test func aNewSessionStartsFromTheHistoryAsItWas() {
        var session = EditSession(history: history)
        _ = session.handle(.up)
        _ = session.handle(.killToStart)
        #expect(session.buffer.isEmpty)

        var next = EditSession(history: history)
        _ = next.handle(.up)
        #expect(next.buffer.text == "花呗冻结了")
    }

    @Test func emptyHistoryRingsTheBell() {
        var session = EditSession()
        #expect(session.handle(.up) == .bell)
        #expect(session.handle(.down) == .bell)
        #expect(session.buffer.isEmpty)
    }

    @Test func yankInsertsTheLastKilledText() {
        var session = EditSession(killed: "旧的")
        _ = session.handle(.yank)
        #expect(session.buffer.text == "旧的")
        type(" 花呗", into: &session)
        _ = session.handle(.deleteWordBackward)
        #expect(session.killed == "花呗")
        _ = session.handle(.home)
        _ = session.handle(.yank)
        #expect(session.buffer.text == "花呗旧的 ")
    }

    @Test func controlDEndsInputOnlyOnAnEmptyLine() {
        var session = EditSession()
        type("ab", into: &session)
        _ = session.handle(.home)
        #expect(session.handle(.controlD) == .redraw)
        #expect(session.buffer.text == "b")
        _ = session.handle(.end)
        #expect(session.handle(.controlD) == .none)
        _ = session.handle(.killToStart)
        #expect(session.handle(.controlD) == .endOfFile)
    }
}
