import Synchronization

/// A bot that does no work: long-polls `getUpdates` (limit 100) and answers every update at once with
/// `sendMessage`, spread over a few connections, confirming by offset. It measures the relay alone, or gives the
/// daemon benchmark its baseline.
final class InstantBot: Sendable {
    let token: String
    let port: Int
    let senders: Int
    private let stopped = Atomic<Bool>(false)

    init(token: String, port: Int, senders: Int) {
        self.token = token
        self.port = port
        self.senders = senders
    }

    func stop() {
        stopped.store(true, ordering: .relaxed)
    }

    /// Answers until stopped; returns how many updates it answered.
    func run() async throws -> Int {
        let poller = Connection(port: port)
        let senders = (0..<self.senders).map { _ in Connection(port: port) }
        let token = self.token
        var offset: Int64 = 0
        var answered = 0
        while !stopped.load(ordering: .relaxed) {
            let (status, body) = try await poller.send(.get, "/bot\(token)/getUpdates?offset=\(offset)&timeout=1&limit=100")
            guard status == 200 else { throw LoadError(description: "getUpdates: \(status)") }
            let updates = try decode(RelayWire.Updates.self, body).result
            guard let last = updates.last else { continue }
            offset = last.update_id + 1
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, sender) in senders.enumerated() {
                    let share = stride(from: index, to: updates.count, by: senders.count).map { updates[$0] }
                    guard !share.isEmpty else { continue }
                    group.addTask {
                        for update in share {
                            let json =
                                #"{"chat_id":\#(update.message.chat.id),"text":"收到","reply_to_message_id":\#(update.message.message_id)}"#
                            let (status, _) = try await sender.send(.post, "/bot\(token)/sendMessage", json: json)
                            guard status == 200 else { throw LoadError(description: "sendMessage: \(status)") }
                        }
                    }
                }
                try await group.waitForAll()
            }
            answered += updates.count
        }
        await poller.close()
        for sender in senders { await sender.close() }
        return answered
    }
}
