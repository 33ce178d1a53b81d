import Foundation
import Testing
import TurnLog

@Suite("LogDay")
struct LogDayTests {
    @Test("parses YYYY-MM-DD and refuses days that do not exist", arguments: [
        ("2026-11-28", true), ("2024-02-29", true), ("2026-02-29", false), ("2026-13-01", false), ("2026-1-01", false),
        ("2026-11-28x", false), ("", false), ("2000-02-29", true), ("1900-02-29", false),
    ])
    func parsing(text: String, valid: Bool) {
        #expect((LogDay(text) != nil) == valid)
        if valid { #expect(LogDay(text)?.description == text) }
    }

    @Test("counts days from the epoch both ways")
    func epochDays() throws {
        for days in [-800_000, -1, 0, 1, 59, 365, 10_957, 20_785, 2_932_896] {
            #expect(LogDay(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(LogDay(daysSinceEpoch: 0).description == "1970-01-01")
        #expect(try #require(LogDay("2026-11-28")).daysSinceEpoch == 20_785)
        #expect(try #require(LogDay("2024-12-31")).adding(days: 1).description == "2025-01-01")
    }

    @Test("the day of a time depends on the time zone")
    func timeZones() throws {
        let time = Date(timeIntervalSince1970: 1_795_296_800)  // 2026-11-21T21:33:20Z
        #expect(LogDay(time, in: try #require(TimeZone(identifier: "UTC"))).description == "2026-11-21")
        #expect(LogDay(time, in: try #require(TimeZone(identifier: "Asia/Shanghai"))).description == "2026-11-22")
        #expect(LogDay(time, in: try #require(TimeZone(identifier: "America/Los_Angeles"))).description == "2026-11-21")
        #expect(LogDay(Date(timeIntervalSince1970: -1), in: try #require(TimeZone(identifier: "UTC"))).description == "1969-12-31")
    }
}
