import Channels
import Classifier
import Dialogue
import Foundation
import Logging
import TurnLog

/// Handles one update: runs the dialogue, stores the chat's new state and the reply in the outbox in one
/// transaction, and writes the turn log line.
struct UpdateHandler: Sendable {
    let store: StateStore
    let brains: BrainBox
    let turnLog: TurnLogWriter?
    let channel: ChannelKind
    let splitter = ReplySplitter()
    let conversations = ConversationCache()
    let logger: Logger
    /// Counts every turn by intent and decision, with its latency; nil in tests that do not look.
    var metrics: DaemonMetrics? = nil

    /// The outbox items to send; empty when the update was handled before (by an earlier run).
    func handle(_ message: IncomingMessage, updateID: Int64, receivedAt: ContinuousClock.Instant) async throws(StateStoreError)
        -> [OutboxItem]
    {
        let brain = brains.current
        let previous = try await conversation(of: message.chatID)
        let now = Date()
        let chatName = message.chatAddress ?? String(message.chatID)
        guard let text = message.text else {
            let encrypted = message.contentKind == IncomingMessage.encryptedRoomKind
            if encrypted {
                logger.notice(
                    "an encrypted room: the bot cannot read it and says so once",
                    metadata: ["bot.chat.id": "\(chatName)", "bot.channel": "\(channel)"])
            }
            let responses = brain.engine.catalog.responses
            let reply = encrypted ? responses.encryptedRoom : responses.nonText
            return try await record(
                HandledTurn(
                    updateID: updateID, chatID: message.chatID, state: nil,
                    replies: splitter.split(reply), replyTo: message.messageID, chatAddress: message.chatAddress),
                receivedAt: receivedAt
            ) { latency in
                TurnLogRecord(
                    time: now, channel: channel.rawValue, chatID: chatName, updateID: updateID,
                    text: "[\(message.contentKind)]", intent: "non_text", confidence: 0, runnerUp: nil, decision: "non_text",
                    replyKey: "non_text", step: previous.step, latencyMicroseconds: latency)
            }
        }
        let turn = brain.engine.respond(to: text, state: previous, at: now)
        let items = try await record(
            HandledTurn(
                updateID: updateID, chatID: message.chatID, state: turn.state, replies: splitter.split(turn.reply),
                replyTo: message.messageID, chatAddress: message.chatAddress),
            receivedAt: receivedAt
        ) { latency in
            TurnLogRecord(
                time: now, channel: channel.rawValue, chatID: chatName, updateID: updateID,
                text: turn.redactedText, intent: turn.decisionIntent,
                confidence: turn.classification.best.confidence,
                runnerUp: turn.classification.runnerUp.map { .init(intent: $0.intent, confidence: $0.confidence) },
                decision: turn.handling.logDecision ?? Self.describe(turn.decision), replyKey: turn.replyKey, step: turn.step,
                latencyMicroseconds: latency, notices: turn.notices.map(\.rawValue))
        }
        if !items.isEmpty { conversations.store(turn.state, for: message.chatID) }
        return items
    }

    /// The chat's state: from memory, else from the database, else a new conversation.
    private func conversation(of chatID: Int64) async throws(StateStoreError) -> ConversationState {
        if let cached = conversations.state(of: chatID) { return cached }
        let stored = try await store.conversation(chatID: chatID) ?? ConversationState()
        conversations.store(stored, for: chatID)
        return stored
    }

    private func record(
        _ turn: HandledTurn, receivedAt: ContinuousClock.Instant, logRecord: (Int64) -> TurnLogRecord
    ) async throws(StateStoreError) -> [OutboxItem] {
        guard let items = try await store.recordTurn(turn) else {
            logger.debug("update already handled; skipped", metadata: ["bot.update.id": "\(turn.updateID)"])
            return []
        }
        let elapsed = receivedAt.duration(to: .now)
        let record = logRecord(Self.microseconds(elapsed))
        turnLog?.append(record)
        metrics?.turn(intent: record.intent, decision: record.decision, latency: elapsed)
        return items
    }

    /// `intent`, `ambiguous` or `out_of_scope:<reason>`, as the turn log documents, for the classifier's decisions
    /// (``TurnHandling/logDecision`` names the dialogue's own).
    static func describe(_ decision: IntentDecision) -> String {
        switch decision {
        case .intent: "intent"
        case .ambiguous: "ambiguous"
        case .outOfScope(let reason): "out_of_scope:\(reason.rawValue)"
        }
    }

    static func microseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
    }
}
