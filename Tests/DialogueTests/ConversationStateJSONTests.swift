import Dialogue
import Foundation
import JSONWriting
import Testing

/// The conversation state's hand-written JSON is `JSONEncoder`'s (keys sorted), byte for byte, and `JSONDecoder` reads
/// it back.
@Suite struct ConversationStateJSONTests {
    static func written(_ state: ConversationState) -> [UInt8] {
        var writer = JSONWriter()
        writer.value(state)
        return writer.bytes
    }

    static func encoded(_ state: ConversationState) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(state))
    }

    static let fixed: [ConversationState] = [
        ConversationState(),
        ConversationState(lastIntent: "overdue", pending: .followUp(id: "overdue.repaid"), topic: "overdue", turns: 3),
        ConversationState(
            pending: .probe(cause: "cash_out"), diagnosis: DiagnosisProgress(ruledOut: ["overdue"], unsure: ["credit_score"]),
            lastActivity: Date(timeIntervalSinceReferenceDate: 786_543_210.123_456), turns: 7),
        ConversationState(
            lastIntent: "freeze_overview", pending: .choice(options: ["overdue", "cash_out"], kind: .clarify),
            diagnosis: DiagnosisProgress(ruledOut: [], unsure: [], confirmed: "account_security"),
            lastActivity: Date(timeIntervalSince1970: 1_700_000_000), turns: 1),
        ConversationState(lastIntent: "引号\"与\\反斜杠/斜杠\n换行", pending: .choice(options: [], kind: .menu), turns: Int.max),
    ]

    @Test(arguments: fixed) func writtenAsJSONEncoderWritesIt(_ state: ConversationState) throws {
        #expect(Self.written(state) == (try Self.encoded(state)))
        #expect(try JSONDecoder().decode(ConversationState.self, from: Data(Self.written(state))) == state)
    }

    /// Generated states, every member present or absent: the same bytes as `JSONEncoder`, read back unchanged.
    @Test func generatedStatesAreWrittenAsJSONEncoderWritesThem() throws {
        let words = ["overdue", "cash_out", "花呗", "a/b", "x\"y", "", "diagnose.ask_low_activity"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            func word() -> String { words.randomElement(using: &generator)! }
            func maybe<T>(_ make: () -> T) -> T? { Bool.random(using: &generator) ? make() : nil }
            func list() -> [String] { (0..<Int.random(in: 0...3, using: &generator)).map { _ in word() } }
            let pending: PendingQuestion? = maybe {
                switch Int.random(in: 0...2, using: &generator) {
                case 0: .probe(cause: word())
                case 1: .followUp(id: word())
                default: .choice(options: list(), kind: Bool.random(using: &generator) ? .menu : .clarify)
                }
            }
            let state = ConversationState(
                lastIntent: maybe(word), pending: pending,
                diagnosis: maybe { DiagnosisProgress(ruledOut: list(), unsure: list(), confirmed: maybe(word)) },
                topic: maybe(word),
                lastActivity: maybe { Date(timeIntervalSinceReferenceDate: Double.random(in: -1e9...1e10, using: &generator)) },
                turns: Int.random(in: 0...100_000, using: &generator))
            let written = Self.written(state)
            #expect(written == (try Self.encoded(state)), "\(String(decoding: written, as: UTF8.self))")
            #expect(try JSONDecoder().decode(ConversationState.self, from: Data(written)) == state)
        }
    }
}
