extension StringProtocol {
    /// The text without leading and trailing white space (spaces of every width, tabs, line breaks), as
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` gives, without Foundation's bridging: the dialogue trims
    /// every part of every reply, and that call cost more than the classifier.
    var trimmed: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else {
            return ""
        }
        return String(self[first...last])
    }
}
