import JSONWriting

// The hot people-side answers written without `JSONEncoder`; members in sorted key order, as the `Codable`
// conformances in `PeopleTypes.swift` encode them.

extension People.Message: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("from")
        writer.value(from.rawValue)
        writer.key("id")
        writer.value(id)
        writer.key("text")
        writer.value(text)
        writer.key("time")
        writer.value(time)
        writer.endObject()
    }
}

extension People.Messages: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("messages")
        writer.value(messages)
        writer.endObject()
    }
}

extension People.CreatedMessage: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.value(id)
        writer.endObject()
    }
}
