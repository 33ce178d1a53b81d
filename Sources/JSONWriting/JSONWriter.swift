/// Appends compact JSON to a byte array, without Foundation: for the formats written in bulk (turn log lines,
/// `classify --jsonl`, the relay's hot answers, Bot API requests), where `JSONEncoder` costs most of the time.
///
/// Call ``beginObject()``, then ``member(_:_:)`` (or ``key(_:)`` and a value) for each member, then ``endObject()``;
/// arrays likewise with ``beginArray()`` and ``endArray()``. Commas are placed automatically; members come out in the order written.
///
/// ```swift
/// var writer = JSONWriter()
/// writer.beginObject()
/// writer.member("text", "花呗")
/// writer.member("confidence", 0.25)
/// writer.member("runner_up", ifPresent: nil as String?)
/// writer.endObject()
/// // writer.bytes is {"text":"花呗","confidence":0.25}
/// ```
///
/// Strings and numbers come out as `JSONEncoder` writes them with `.withoutEscapingSlashes`.
public struct JSONWriter: Sendable {
    /// The JSON written so far, UTF-8.
    public private(set) var bytes: [UInt8] = []
    /// Whether the next member or element needs a comma before it.
    @usableFromInline var needsComma = false

    /// Creates an empty writer with room for `capacity` bytes.
    public init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    // MARK: Structure

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes a member name, written as is: `name` must need no escaping (no `"`, `\` or control characters).
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes a member: its name (see ``key(_:)``) and its value. Inlinable, like the nested ``value(_:)``, so callers
    /// call their value's `write(to:)` directly rather than through a witness table.
    @inlinable
    public mutating func member(_ name: StaticString, _ value: some JSONWritable) {
        key(name)
        self.value(value)
    }

    /// Writes a member only when `value` is not `nil`, as a synthesized `encode(to:)` leaves out `nil` optionals.
    @inlinable
    public mutating func member(_ name: StaticString, ifPresent value: (some JSONWritable)?) {
        if let value { member(name, value) }
    }

    // MARK: Values

    /// Writes `text` as a JSON string: `"` and `\` escaped, control characters as `\n`, `\r`, `\t`, `\b`, `\f` or
    /// `\u00XX`; everything else (including `/`, DEL and non-ASCII) as UTF-8.
    public mutating func value(_ text: String) {
        separate()
        appendString(text)
        needsComma = true
    }

    public mutating func value(_ integer: Int64) {
        separate()
        appendInteger(integer)
        needsComma = true
    }

    public mutating func value(_ integer: Int) {
        value(Int64(integer))
    }

    public mutating func value(_ flag: Bool) {
        separate()
        if flag {
            appendLiteral("true")
        } else {
            appendLiteral("false")
        }
        needsComma = true
    }

    /// Writes the shortest decimal form that reads back as `number` (Swift's `description`, without a trailing
    /// `.0`: `0.1`, `1`, `1e-07`, `1.5e+300`), as `JSONEncoder` does.
    ///
    /// JSON has no NaN or infinity: a non-finite number is written as `null` (where `JSONEncoder` throws).
    public mutating func value(_ number: Double) {
        separate()
        appendNumber(number)
        needsComma = true
    }

    /// Writes `number` rounded to `decimals` decimal places (half away from zero), without trailing zeros:
    /// `0.5`, `1`, `0.0312`, `-0.25`; a number that rounds to zero is `0`, never `-0`.
    ///
    /// A non-finite number is written as `null`; one too large to scale into 64-bit integers (beyond about
    /// 9.2e18 / 10^`decimals`) as `value(_: Double)` writes it, unrounded.
    ///
    /// - Parameter decimals: `0...15`.
    public mutating func value(_ number: Double, decimals: Int) {
        precondition((0...15).contains(decimals), "decimals must be in 0...15")
        separate()
        defer { needsComma = true }
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (number.magnitude * Double(scale)).rounded()
        guard number.isFinite, scaled < 9.2e18 else {
            appendNumber(number)
            return
        }
        var units = Int64(scaled)
        if number < 0, units != 0 { bytes.append(UInt8(ascii: "-")) }
        appendInteger(units / scale)
        units %= scale
        guard units != 0 else { return }
        bytes.append(UInt8(ascii: "."))
        var digits = decimals
        while units % 10 == 0 {
            units /= 10
            digits -= 1
        }
        // `units` has at most `digits` digits; pad with leading zeros (`0.0312`).
        let start = bytes.count
        for _ in 0..<digits { bytes.append(UInt8(ascii: "0")) }
        var index = bytes.count
        while units > 0 {
            index -= 1
            bytes[index] = UInt8(ascii: "0") + UInt8(units % 10)
            units /= 10
        }
        assert(index >= start)
    }

    /// Writes a nested value.
    @inlinable
    public mutating func value(_ nested: some JSONWritable) {
        nested.write(to: &self)
        needsComma = true
    }

    public mutating func null() {
        separate()
        appendLiteral("null")
        needsComma = true
    }

    // MARK: Lines

    /// Ends a JSON Lines record: writes a newline, and the next value starts a new record (no comma).
    public mutating func endLine() {
        bytes.append(0x0A)
        needsComma = false
    }

    /// Appends bytes that are already JSON (a whole value or record), as they are.
    public mutating func appendRaw(_ json: [UInt8]) {
        bytes.append(contentsOf: json)
        needsComma = true
    }

    /// Appends `fragment`, bytes that are already JSON text (such as `,"intent":"overdue"}`), as they are: for
    /// parts written over and over, rendered once. `completesValue` says whether the fragment ends a value or member
    /// (what follows needs a comma) or ends with `{`, `[`, `:` or a comma (what follows does not).
    public mutating func appendFragment(_ fragment: [UInt8], completesValue: Bool) {
        bytes.append(contentsOf: fragment)
        needsComma = completesValue
    }

    /// ``appendFragment(_:completesValue:)`` for part of a table of fragments.
    public mutating func appendFragment(_ fragment: ArraySlice<UInt8>, completesValue: Bool) {
        bytes.append(contentsOf: fragment)
        needsComma = completesValue
    }

    /// Forgets what was written, keeping the storage for what comes next (a writer reused for many records).
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = false
    }

    // MARK: Bytes

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func appendLiteral(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func appendInteger(_ integer: Int64) {
        if integer < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = integer.magnitude
        guard magnitude >= 10 else {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude))
            return
        }
        var count = 0
        var rest = magnitude
        while rest > 0 {
            count += 1
            rest /= 10
        }
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        var index = start + count
        while magnitude > 0 {
            index -= 1
            bytes[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        }
    }

    private mutating func appendNumber(_ number: Double) {
        guard number.isFinite else {
            appendLiteral("null")
            return
        }
        var text = number.description
        text.withUTF8 { utf8 in
            // `1.0` → `1`, `-0.0` → `-0`, as JSONEncoder writes them.
            let count = utf8.count >= 2 && utf8[utf8.count - 2] == UInt8(ascii: ".") && utf8[utf8.count - 1] == UInt8(ascii: "0")
                ? utf8.count - 2 : utf8.count
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[..<count]))
        }
    }

    private mutating func appendString(_ text: String) {
        var text = text
        bytes.append(UInt8(ascii: "\""))
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                runStart = index + 1
                appendEscape(for: byte)
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscape(for byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
            appendLiteral("u00")
            bytes.append(Self.hexDigit(byte >> 4))
            bytes.append(Self.hexDigit(byte & 0x0F))
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
