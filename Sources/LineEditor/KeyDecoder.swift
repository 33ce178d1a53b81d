/// Turns raw terminal input bytes into `Key`s.
///
/// Input arrives in reads of arbitrary size, so a UTF-8 sequence or an escape sequence may be split
/// across two calls to `decode(_:)`: the decoder keeps the unfinished part and completes it with the next
/// bytes. Malformed UTF-8 becomes U+FFFD. Escape sequences it does not know (function keys, the bracketed
/// paste markers) are dropped whole, and so are Alt-letter combinations other than Alt-B and Alt-F.
///
/// A lone ESC is held until the next byte tells whether a sequence follows, as readline does.
struct KeyDecoder: Sendable {
    private enum State: Sendable {
        case ground
        /// Inside a UTF-8 sequence: the bytes so far, and how many the sequence has in all.
        case utf8([UInt8], length: Int)
        /// After ESC.
        case escape
        /// After `ESC [`: parameter and intermediate bytes so far.
        case controlSequence([UInt8])
        /// After `ESC O`.
        case singleShift
    }

    private var state = State.ground

    /// Whether the last byte was a CR, so that the LF of a CR LF pair does not make a second Enter.
    private var afterCarriageReturn = false

    /// Escape sequences longer than this are garbage: drop them instead of buffering forever.
    private static let maximumSequenceLength = 32

    init() {}

    /// Decodes the next bytes of input. Consecutive characters come back as one `.text` key.
    mutating func decode(_ bytes: some Sequence<UInt8>) -> [Key] {
        var keys: [Key] = []
        for byte in bytes {
            feed(byte, into: &keys)
        }
        return keys
    }

    private mutating func feed(_ byte: UInt8, into keys: inout [Key]) {
        let isLineFeedOfPair = afterCarriageReturn && byte == 0x0A
        afterCarriageReturn = false
        switch state {
        case .ground:
            if !isLineFeedOfPair {
                ground(byte, into: &keys)
            }
        case .utf8(var bytes, let length):
            guard (0x80...0xBF).contains(byte) else {
                // The sequence was cut short: report it, then read this byte afresh.
                state = .ground
                emit(.text("\u{FFFD}"), into: &keys)
                feed(byte, into: &keys)
                return
            }
            bytes.append(byte)
            if bytes.count < length {
                state = .utf8(bytes, length: length)
            } else {
                state = .ground
                emit(.text(String(validating: bytes, as: UTF8.self) ?? "\u{FFFD}"), into: &keys)
            }
        case .escape:
            escape(byte, into: &keys)
        case .controlSequence(var parameters):
            if (0x40...0x7E).contains(byte) {
                state = .ground
                if let key = Self.controlSequenceKey(parameters: parameters, final: byte) {
                    emit(key, into: &keys)
                }
            } else if (0x20...0x3F).contains(byte), parameters.count < Self.maximumSequenceLength {
                parameters.append(byte)
                state = .controlSequence(parameters)
            } else {
                // Not part of a control sequence: abandon the sequence and read this byte afresh.
                state = .ground
                feed(byte, into: &keys)
            }
        case .singleShift:
            state = .ground
            if let key = Self.cursorKey(final: byte) {
                emit(key, into: &keys)
            } else if !(0x40...0x7E).contains(byte) {
                feed(byte, into: &keys)
            }
        }
    }

    private mutating func ground(_ byte: UInt8, into keys: inout [Key]) {
        switch byte {
        case 0x1B:
            state = .escape
        case 0x0D:
            afterCarriageReturn = true
            emit(.enter, into: &keys)
        case 0x00..<0x20, 0x7F:
            if let key = Self.controlKey(byte) {
                emit(key, into: &keys)
            }
        case 0x20..<0x7F:
            emit(.text(String(UnicodeScalar(byte))), into: &keys)
        case 0xC2...0xDF:
            state = .utf8([byte], length: 2)
        case 0xE0...0xEF:
            state = .utf8([byte], length: 3)
        case 0xF0...0xF4:
            state = .utf8([byte], length: 4)
        default:
            // A continuation byte without a lead byte, or a byte that never occurs in UTF-8.
            emit(.text("\u{FFFD}"), into: &keys)
        }
    }

    private mutating func escape(_ byte: UInt8, into keys: inout [Key]) {
        state = .ground
        switch byte {
        case UInt8(ascii: "["):
            state = .controlSequence([])
        case UInt8(ascii: "O"):
            state = .singleShift
        case UInt8(ascii: "b"):
            emit(.wordLeft, into: &keys)
        case UInt8(ascii: "f"):
            emit(.wordRight, into: &keys)
        case 0x7F, 0x08:
            emit(.deleteWordBackward, into: &keys)
        case 0x20..<0x7F:
            break  // An Alt-key combination this editor does not bind.
        default:
            // ESC ESC, or ESC before a control byte or a non-ASCII character: drop the first ESC only.
            feed(byte, into: &keys)
        }
    }

    /// Appends `key`, joining it to the previous key when both are text.
    private func emit(_ key: Key, into keys: inout [Key]) {
        if case .text(let new) = key, case .text(var previous)? = keys.last {
            keys.removeLast()  // Leaves `previous` the only owner of its storage: appending is cheap.
            previous += new
            keys.append(.text(previous))
        } else {
            keys.append(key)
        }
    }

    /// The key for a C0 control byte, or `nil` for one without a binding (Tab among them).
    private static func controlKey(_ byte: UInt8) -> Key? {
        switch byte {
        case 0x01: .home  // Ctrl-A
        case 0x02: .left  // Ctrl-B
        case 0x03: .interrupt  // Ctrl-C
        case 0x04: .controlD  // Ctrl-D
        case 0x05: .end  // Ctrl-E
        case 0x06: .right  // Ctrl-F
        case 0x08, 0x7F: .backspace  // Ctrl-H, DEL
        case 0x0A: .enter  // LF, Ctrl-J
        case 0x0B: .killToEnd  // Ctrl-K
        case 0x0C: .clearScreen  // Ctrl-L
        case 0x0E: .down  // Ctrl-N
        case 0x10: .up  // Ctrl-P
        case 0x15: .killToStart  // Ctrl-U
        case 0x17: .deleteWordBackward  // Ctrl-W
        case 0x19: .yank  // Ctrl-Y
        default: nil
        }
    }

    /// The key for `ESC [ parameters final`. Modifiers on arrows (`ESC [ 1 ; 5 C`) turn Left and Right
    /// into word motion and are otherwise ignored.
    private static func controlSequenceKey(parameters: [UInt8], final: UInt8) -> Key? {
        let fields = String(decoding: parameters, as: UTF8.self)
            .split(separator: ";", omittingEmptySubsequences: false)
        if final == UInt8(ascii: "~") {
            switch fields.first.flatMap({ Int($0) }) {
            case 1, 7: return .home
            case 4, 8: return .end
            case 3: return .delete
            default: return nil  // Insert, Page Up/Down, F5 and up, the bracketed paste markers.
            }
        }
        guard let key = cursorKey(final: final) else { return nil }
        let modifier = fields.count > 1 ? Int(fields[1]) ?? 1 : 1
        guard modifier > 1 else { return key }
        switch key {
        case .left: return .wordLeft
        case .right: return .wordRight
        default: return key
        }
    }

    /// The key for the final byte of `ESC [ A` or `ESC O A` and their siblings.
    private static func cursorKey(final: UInt8) -> Key? {
        switch final {
        case UInt8(ascii: "A"): .up
        case UInt8(ascii: "B"): .down
        case UInt8(ascii: "C"): .right
        case UInt8(ascii: "D"): .left
        case UInt8(ascii: "H"): .home
        case UInt8(ascii: "F"): .end
        default: nil
        }
    }
}
