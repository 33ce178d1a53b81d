import RequestDecoding

extension IdempotencyKey {
    /// What a repeat must match: the SHA-256 digest of the chat id and the text.
    static func fingerprint(chatID: Int64, text: String) -> [UInt8] {
        Secrets.digest("\(chatID)\n\(text)")
    }
}
