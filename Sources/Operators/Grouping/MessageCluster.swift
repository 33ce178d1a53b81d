/// Near-duplicate messages grouped together.
struct MessageCluster: Sendable {
    /// Every distinct message, most frequent first.
    var messages: [(text: String, tally: MessageTally)]
    /// The normalised keys of the messages.
    var keys: [String]
    /// Messages in the group, repeats included.
    var count: Int

    /// The most frequent message.
    var representative: String { messages.first?.text ?? "" }

    /// The logged intents over all messages, most frequent first.
    var guesses: [(intent: String, count: Int)] {
        var totals: [String: Int] = [:]
        for message in messages {
            for (intent, count) in message.tally.guesses { totals[intent, default: 0] += count }
        }
        return totals.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
