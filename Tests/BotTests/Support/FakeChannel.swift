@testable import Bot
import Channels
import Synchronization

/// A chat endpoint in memory with Telegram's `getUpdates` semantics: updates stay until a poll confirms them with
/// a higher offset; a poll with nothing to return waits up to its timeout for a new update. Failures can be
/// scripted per method; every call is recorded.
final class FakeChannel: ChatChannel {
    struct Sent: Sendable, Equatable {
        var chatID: Int64
        var text: String
        var replyTo: Int64?
        /// What ``send(_:)`` was given; nil through `sendMessage`.
        var chatAddress: String? = nil
        var idempotencyKey: String? = nil
    }

    private struct State {
        var pending: [ChannelUpdate] = []
        var malformed: [MalformedUpdate] = []
        var nextUpdateID: Int64 = 1
        var nextMessageID: Int64 = 1
        var sent: [Sent] = []
        var sendAttempts = 0
        var polledOffsets: [Int64] = []
        var getMeCalls = 0
        var getMeFailures: [ChannelError] = []
        var pollFailures: [ChannelError] = []
        var sendFailures: [ChannelError] = []
        /// Every send fails with this until ``stopFailingSends()``.
        var failingEverySend: ChannelError?
        /// Chats whose messages are refused for good (400 chat not found).
        var missingChats: Set<Int64> = []
        /// Polls that hang until cancelled.
        var hangingPolls = 0
        /// Idempotent channels: the reply each key stored (chat, text, message id).
        var keys: [String: (chatID: Int64, text: String, messageID: Int64)] = [:]
        /// The key of every send attempt, in order.
        var sentKeys: [String?] = []
        /// Sends that are stored but whose answer is lost (a timeout after the server took the reply).
        var lostAnswers = 0
        /// While true, sends wait on the wire: their continuations, resumed by ``releaseSends()``.
        var holdingSends = false
        var heldSends: [CheckedContinuation<Void, Never>] = []
        var inFlight: [Int64: Int] = [:]
        var mostInFlight = 0
        var mostInFlightInOneChat = 0
    }

    /// `.matrix` makes it a channel polled with a token: the token is the offset as text, and the first poll (no
    /// token) confirms everything waiting, as a Matrix initial sync skips history.
    let kind: ChannelKind
    /// Like the local relay when true: a repeat with a known key answers the stored reply and shows nothing new.
    let hasIdempotentReplies: Bool
    private let state = Mutex(State())

    private let doorbell = Doorbell()

    init(kind: ChannelKind = .local, idempotent: Bool? = nil) {
        self.kind = kind
        hasIdempotentReplies = idempotent ?? (kind == .matrix)
    }

    // MARK: Scripting

    /// A person writes `text` in `chat` (nil text: a sticker). Returns the update id.
    @discardableResult
    func receive(_ text: String?, chat: Int64, kind: String = "sticker") -> Int64 {
        let id = state.withLock { state -> Int64 in
            let id = state.nextUpdateID
            state.nextUpdateID += 1
            let messageID = state.nextMessageID
            state.nextMessageID += 1
            let message = IncomingMessage(
                messageID: messageID, chatID: chat, text: text, contentKind: text == nil ? kind : "text", date: 1_800_000_000)
            state.pending.append(ChannelUpdate(updateID: id, content: text == nil ? .nonText(message) : .text(message)))
            return id
        }
        doorbell.ring()
        return id
    }

    /// An update that needs no answer (an edit, a join).
    func receiveIgnored(_ kind: String) {
        state.withLock { state in
            state.pending.append(ChannelUpdate(updateID: state.nextUpdateID, content: .ignored(kind)))
            state.nextUpdateID += 1
        }
        doorbell.ring()
    }

    /// An update that cannot be read, reported next to the others in the next batch.
    func receiveMalformed(reason: String) {
        state.withLock { state in
            state.malformed.append(MalformedUpdate(updateID: state.nextUpdateID, reason: reason))
            state.nextUpdateID += 1
        }
        doorbell.ring()
    }

    /// Makes the server forget what it was told: the updates from `offset` on come again (a crash of the daemon
    /// before its offset reached the server). An update the server still holds (the daemon stopped before its next
    /// poll confirmed it) is not held twice.
    func redeliver(from updates: [ChannelUpdate]) {
        state.withLock { state in
            let held = Set(state.pending.map(\.updateID))
            state.pending = updates.filter { !held.contains($0.updateID) } + state.pending
        }
        doorbell.ring()
    }

    func failGetMe(_ errors: ChannelError...) { state.withLock { $0.getMeFailures += errors } }
    func failPolls(_ errors: ChannelError...) { state.withLock { $0.pollFailures += errors } }
    func failSends(_ errors: ChannelError...) { state.withLock { $0.sendFailures += errors } }
    /// Fails every send with `error`, however many retries come, until ``stopFailingSends()``.
    func failEverySend(with error: ChannelError) { state.withLock { $0.failingEverySend = error } }
    func stopFailingSends() { state.withLock { $0.failingEverySend = nil } }
    func hangPolls(_ count: Int) { state.withLock { $0.hangingPolls += count } }
    func removeChat(_ chat: Int64) { state.withLock { _ = $0.missingChats.insert(chat) } }
    func loseAnswers(_ count: Int) { state.withLock { $0.lostAnswers += count } }
    /// Holds every send on the wire until ``releaseSends()``.
    func holdSends() { state.withLock { $0.holdingSends = true } }
    func releaseSends() {
        let held = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.holdingSends = false
            defer { state.heldSends = [] }
            return state.heldSends
        }
        for send in held { send.resume() }
    }

    // MARK: Reading

    var sent: [Sent] { state.withLock { $0.sent } }
    var sendAttempts: Int { state.withLock { $0.sendAttempts } }
    var polledOffsets: [Int64] { state.withLock { $0.polledOffsets } }
    var getMeCalls: Int { state.withLock { $0.getMeCalls } }
    var pendingUpdates: [ChannelUpdate] { state.withLock { $0.pending } }
    var sentKeys: [String?] { state.withLock { $0.sentKeys } }
    var sendsInFlight: Int { state.withLock { $0.inFlight.values.reduce(0, +) } }
    var mostInFlight: Int { state.withLock { $0.mostInFlight } }
    var mostInFlightInOneChat: Int { state.withLock { $0.mostInFlightInOneChat } }

    func sent(to chat: Int64) -> [String] {
        sent.filter { $0.chatID == chat }.map(\.text)
    }

    // MARK: ChatChannel

    func getMe() async throws(ChannelError) -> BotIdentity {
        let failure = state.withLock { state -> ChannelError? in
            state.getMeCalls += 1
            return state.getMeFailures.isEmpty ? nil : state.getMeFailures.removeFirst()
        }
        if let failure { throw failure }
        return BotIdentity(id: 1, username: "fake_bot", firstName: "Fake")
    }

    func getUpdates(offset: Int64, limit: Int, timeout: Int) async throws(ChannelError) -> UpdateBatch {
        enum Step { case fail(ChannelError), hang, answer }
        let step = state.withLock { state -> Step in
            state.polledOffsets.append(offset)
            if !state.pollFailures.isEmpty { return .fail(state.pollFailures.removeFirst()) }
            if state.hangingPolls > 0 {
                state.hangingPolls -= 1
                return .hang
            }
            return .answer
        }
        switch step {
        case .fail(let error):
            throw error
        case .hang:
            while !Task.isCancelled { await doorbell.wait(until: .now + .seconds(60)) }
            throw ChannelError(.cancelled, method: "getUpdates")
        case .answer:
            break
        }
        let deadline = ContinuousClock.now + .seconds(timeout)
        while true {
            let batch = state.withLock { state -> UpdateBatch in
                if offset > 0 {
                    state.pending.removeAll { $0.updateID < offset }
                    state.malformed.removeAll { ($0.updateID ?? 0) < offset }
                } else if offset < 0 {
                    state.pending = Array(state.pending.suffix(Int(-offset)))
                    state.malformed = []
                }
                return UpdateBatch(updates: Array(state.pending.prefix(limit)), malformed: state.malformed)
            }
            if !batch.isEmpty || ContinuousClock.now >= deadline { return batch }
            if Task.isCancelled { throw ChannelError(.cancelled, method: "getUpdates") }
            await doorbell.wait(until: deadline)
        }
    }

    func getUpdates(since token: String?, timeout: Int) async throws(ChannelError) -> UpdateBatch {
        guard let token else {
            let next = state.withLock { state -> Int64 in
                state.polledOffsets.append(-1)
                state.pending.removeAll()
                return state.nextUpdateID
            }
            return UpdateBatch(updates: [], nextToken: String(next))
        }
        var batch = try await getUpdates(offset: Int64(token) ?? 0, limit: 100, timeout: timeout)
        batch.nextToken = String(batch.nextOffset ?? Int64(token) ?? 0)
        return batch
    }

    func send(_ message: OutgoingMessage) async throws(ChannelError) {
        guard kind == .matrix else {
            _ = try await sendMessage(
                chatID: message.chatID, text: message.text, replyTo: message.replyTo, idempotencyKey: message.idempotencyKey)
            return
        }
        let result = state.withLock { state -> Result<Void, ChannelError> in
            state.sendAttempts += 1
            if let error = state.failingEverySend { return .failure(error) }
            if !state.sendFailures.isEmpty { return .failure(state.sendFailures.removeFirst()) }
            // Idempotent, as Matrix's transaction ids: a key seen before shows nothing new.
            if state.sent.contains(where: { $0.idempotencyKey == message.idempotencyKey }) { return .success(()) }
            state.sent.append(
                Sent(
                    chatID: message.chatID, text: message.text, replyTo: message.replyTo, chatAddress: message.chatAddress,
                    idempotencyKey: message.idempotencyKey))
            return .success(())
        }
        try result.get()
    }

    /// A person writes `text` in a room with a string id (Matrix).
    @discardableResult
    func receive(_ text: String, room: String) -> Int64 {
        let id = state.withLock { state -> Int64 in
            let id = state.nextUpdateID
            state.nextUpdateID += 1
            let message = IncomingMessage(
                messageID: id, chatID: Int64(room.utf8.count * 1000 + Int(room.utf8.last ?? 0)), text: text, chatType: "direct",
                chatAddress: room)
            state.pending.append(ChannelUpdate(updateID: id, content: .text(message)))
            return id
        }
        doorbell.ring()
        return id
    }

    func sendMessage(chatID: Int64, text: String, replyTo: Int64?) async throws(ChannelError) -> Int64 {
        try await sendMessage(chatID: chatID, text: text, replyTo: replyTo, idempotencyKey: nil)
    }

    func sendMessage(chatID: Int64, text: String, replyTo: Int64?, idempotencyKey: String?) async throws(ChannelError) -> Int64 {
        state.withLock { state in
            state.sendAttempts += 1
            state.sentKeys.append(idempotencyKey)
            state.inFlight[chatID, default: 0] += 1
            state.mostInFlight = max(state.mostInFlight, state.inFlight.values.reduce(0, +))
            state.mostInFlightInOneChat = max(state.mostInFlightInOneChat, state.inFlight[chatID] ?? 0)
        }
        // Checked and registered under one lock, so a release cannot slip between them.
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let held = state.withLock { state -> Bool in
                guard state.holdingSends else { return false }
                state.heldSends.append(continuation)
                return true
            }
            if !held { continuation.resume() }
        }
        let result = state.withLock { state -> Result<Int64, ChannelError> in
            state.inFlight[chatID, default: 1] -= 1
            if let error = state.failingEverySend { return .failure(error) }
            if !state.sendFailures.isEmpty { return .failure(state.sendFailures.removeFirst()) }
            if state.missingChats.contains(chatID) {
                return .failure(ChannelError(.refused, method: "sendMessage", status: 400, detail: "Bad Request: chat not found"))
            }
            if hasIdempotentReplies, let idempotencyKey, let original = state.keys[idempotencyKey] {
                guard original.chatID == chatID && original.text == text else {
                    return .failure(ChannelError(.refused, method: "sendMessage", status: 422, detail: "key reused"))
                }
                return .success(original.messageID)
            }
            state.sent.append(Sent(chatID: chatID, text: text, replyTo: replyTo))
            let id = state.nextMessageID
            state.nextMessageID += 1
            if hasIdempotentReplies, let idempotencyKey { state.keys[idempotencyKey] = (chatID, text, id) }
            if state.lostAnswers > 0 {
                state.lostAnswers -= 1
                return .failure(ChannelError(.transport, method: "sendMessage", detail: "the answer was lost"))
            }
            return .success(id)
        }
        return try result.get()
    }
}
