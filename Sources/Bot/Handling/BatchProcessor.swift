import Channels
import Logging

/// Handles one `getUpdates` batch: the messages of one chat in order, different chats in parallel (bounded), each
/// reply handed to the delivery queue as soon as it is stored.
struct BatchProcessor: Sendable {
    let handler: UpdateHandler
    let store: StateStore
    let status: DaemonStatus
    let parallelChats: Int
    let deliver: @Sendable ([OutboxItem]) -> Void
    let logger: Logger

    /// Handles every update; throws when the store fails, so the batch is polled and handled again (what was
    /// stored already is skipped then).
    func process(_ batch: UpdateBatch, receivedAt: ContinuousClock.Instant) async throws(StateStoreError) {
        for malformed in batch.malformed {
            logger.warning(
                "skipped an update that cannot be read",
                metadata: ["bot.update.id": "\(malformed.updateID.map(String.init) ?? "unknown")", "bot.reason": "\(malformed.reason)"])
        }
        var chats: [Int64: [(Int64, IncomingMessage)]] = [:]
        var chatOrder: [Int64] = []
        var ignored = 0
        for update in batch.updates {
            switch update.content {
            case .text(let message), .nonText(let message):
                if chats[message.chatID] == nil { chatOrder.append(message.chatID) }
                chats[message.chatID, default: []].append((update.updateID, message))
            case .ignored(let kind):
                ignored += 1
                logger.debug("update needs no answer", metadata: ["bot.update.id": "\(update.updateID)", "bot.update.kind": "\(kind)"])
            }
        }
        let handled = try await store.handledAmong(batch.updates.map(\.updateID))
        status.update {
            $0.malformed += batch.malformed.count
            $0.ignored += ignored
        }
        let handler = self.handler
        let deliver = self.deliver
        let status = self.status
        let result = await withTaskGroup(of: StateStoreError?.self) { group -> StateStoreError? in
            var running = 0
            var failure: StateStoreError?
            for chatID in chatOrder {
                guard let messages = chats[chatID] else { continue }
                if running >= parallelChats, let finished = await group.next() {
                    running -= 1
                    failure = failure ?? finished
                }
                running += 1
                group.addTask {
                    for (updateID, message) in messages {
                        if handled.contains(updateID) {
                            status.update { $0.duplicates += 1 }
                            continue
                        }
                        do throws(StateStoreError) {
                            let items = try await handler.handle(message, updateID: updateID, receivedAt: receivedAt)
                            status.update { items.isEmpty ? ($0.duplicates += 1) : ($0.handled += 1) }
                            if !items.isEmpty { status.metrics.updateHandled() }
                            if !items.isEmpty { deliver(items) }
                        } catch {
                            // Later messages of this chat wait for the next attempt, to stay in order.
                            return error
                        }
                    }
                    return nil
                }
            }
            for await finished in group { failure = failure ?? finished }
            return failure
        }
        if let result { throw result }
    }
}
