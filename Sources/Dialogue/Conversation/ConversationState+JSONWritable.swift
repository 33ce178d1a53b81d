import Foundation
public import JSONWriting

// The conversation state is stored with every turn, where `JSONEncoder` cost about 4% of the daemon's CPU. These
// write the bytes that `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes` writes for the synthesized
// `Encodable` conformances (the same members, sorted, and the same numbers; a `Date` as its seconds since 2001, as
// `.deferredToDate` does), and `JSONDecoder` reads them back. A test compares the two on generated states: a member
// added to a type must be added here too.

extension ConversationState: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("diagnosis", ifPresent: diagnosis)
        writer.member("lastActivity", ifPresent: lastActivity?.timeIntervalSinceReferenceDate)
        writer.member("lastIntent", ifPresent: lastIntent)
        writer.member("pending", ifPresent: pending)
        writer.member("topic", ifPresent: topic)
        writer.member("turns", turns)
        writer.endObject()
    }
}

extension PendingQuestion: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        switch self {
        case .probe(let cause):
            writer.key("probe")
            writer.beginObject()
            writer.member("cause", cause)
            writer.endObject()
        case .followUp(let id):
            writer.key("followUp")
            writer.beginObject()
            writer.member("id", id)
            writer.endObject()
        case .choice(let options, let kind):
            writer.key("choice")
            writer.beginObject()
            writer.member("kind", kind.rawValue)
            writer.member("options", options)
            writer.endObject()
        }
        writer.endObject()
    }
}

extension DiagnosisProgress: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("confirmed", ifPresent: confirmed)
        writer.member("ruledOut", ruledOut)
        writer.member("unsure", unsure)
        writer.endObject()
    }
}
