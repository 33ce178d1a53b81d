/// The person in one chat: posts a message, long-polls until the bot's reply arrives, repeats until the end.
/// A round trip is measured from the post to the reply.
struct ChatPerson: Sendable {
    let index: Int
    let options: LoadOptions
    let measureFrom: ContinuousClock.Instant
    let end: ContinuousClock.Instant

    /// What people write with `--texts questions`: questions the bot answers, and answers to its follow-ups.
    static let questions = [
        "我的花呗怎么用不了了", "花呗逾期了现在还能用吗", "没有", "芝麻分掉到580了", "是的", "花呗被冻结了怎么办", "谢谢",
        "套现会被冻结吗", "还清了", "你好",
    ]

    /// Runs until `end`; returns the round-trip times that started after the warm-up and ended in time.
    func run() async throws -> [Duration] {
        let poster = Connection(port: options.port)
        let poller = Connection(port: options.port)
        defer {
            Task {
                await poster.close()
                await poller.close()
            }
        }
        func createChat() async throws -> RelayWire.CreatedChat {
            let (status, body) = try await poster.send(.post, "/api/chats")
            guard status == 201 else { throw LoadError(description: "create chat: \(status)") }
            return try decode(RelayWire.CreatedChat.self, body)
        }
        var chat = try await createChat()
        var samples: [Duration] = []
        var counter = index
        while ContinuousClock.now < end {
            counter += 1
            let sent = ContinuousClock.now
            let (postStatus, postBody) = try await poster.send(
                .post, "/api/chats/\(chat.chat_id)/messages", bearer: chat.token, json: #"{"text":"\#(text(counter))"}"#)
            if postStatus == 409 {
                // chat_full: the chat holds its maximum number of messages; start a new one, as the page does.
                chat = try await createChat()
                continue
            }
            guard postStatus == 201 else { throw LoadError(description: "post: \(postStatus)") }
            var after = try decode(RelayWire.CreatedMessage.self, postBody).id
            var replied = false
            while !replied {
                let (pollStatus, pollBody) = try await poller.send(
                    .get, "/api/chats/\(chat.chat_id)/messages?after=\(after)&timeout=10", bearer: chat.token)
                guard pollStatus == 200 else { throw LoadError(description: "poll: \(pollStatus)") }
                let messages = try decode(RelayWire.ChatMessages.self, pollBody).messages
                replied = messages.contains { $0.from == "bot" }
                after = messages.last?.id ?? after
                if !replied && ContinuousClock.now > end + .seconds(30) { throw LoadError(description: "reply lost") }
            }
            if sent >= measureFrom && ContinuousClock.now <= end { samples.append(sent.duration(to: .now)) }
            if let interval = options.intervalMilliseconds {
                try? await Task.sleep(until: sent + .milliseconds(interval), clock: .continuous)
            }
        }
        return samples
    }

    private func text(_ counter: Int) -> String {
        switch options.texts {
        case .ping: "ping \(counter)"
        case .questions: Self.questions[counter % Self.questions.count]
        }
    }
}
