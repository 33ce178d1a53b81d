/// A value that writes itself as JSON with ``JSONWriter``.
///
/// Conformers that stand in for a `Codable` type write the same members in the same order as its `JSONEncoder`
/// output (sorted, when that is encoded with `.sortedKeys`), leaving out `nil` members as the synthesized
/// `encode(to:)` does, so both give the same bytes.
public protocol JSONWritable {
    /// Appends this value's JSON to `writer`.
    func write(to writer: inout JSONWriter)
}

extension String: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.value(self)
    }
}

extension Bool: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.value(self)
    }
}

extension Int: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.value(self)
    }
}

extension Int64: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.value(self)
    }
}

/// Written as `JSONWriter.value(_: Double)` writes it: non-finite numbers as `null`.
extension Double: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.value(self)
    }
}

extension Array: JSONWritable where Element: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.beginArray()
        for element in self { writer.value(element) }
        writer.endArray()
    }
}

/// `nil` is written as `null`. To leave a member out instead, as a synthesized `Encodable` does, test for `nil`
/// before writing its key.
extension Optional: JSONWritable where Wrapped: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        switch self {
        case .some(let wrapped): writer.value(wrapped)
        case .none: writer.null()
        }
    }
}
