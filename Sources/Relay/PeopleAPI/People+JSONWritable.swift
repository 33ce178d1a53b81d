import JSONWriting

// The hot people-side answers written without `JSONEncoder`; members in sorted key order, as the `Codable`
// conformances in `PeopleTypes.swift` encode them.

extension People.Message: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("from", from.rawValue)
        writer.member("id", id)
        writer.member("text", text)
        writer.member("time", time)
        writer.endObject()
    }
}

extension People.Messages: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("messages", messages)
        writer.endObject()
    }
}

extension People.CreatedMessage: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", id)
        writer.endObject()
    }
}
