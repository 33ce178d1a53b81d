@testable import Bot
import Testing

/// The outbox's scheduling: order within a chat, interleaving across chats, pacing, pauses and refusals.
struct DeliveryQueueTests {
    let start = ContinuousClock.now

    func item(_ id: Int64, chat: Int64) -> OutboxItem {
        OutboxItem(id: id, chatID: chat, updateID: id, part: 0, replyTo: nil, text: "reply \(id)")
    }

    func drain(_ queue: inout DeliveryQueue, at now: ContinuousClock.Instant) -> [Int64] {
        var sent: [Int64] = []
        while case .send(let item) = queue.next(at: now) {
            sent.append(item.id)
            queue.finished(item, at: now)
        }
        return sent
    }

    @Test func unlimitedRatesSendOldestFirstAndKeepEachChatInOrder() {
        var queue = DeliveryQueue(rates: .init(perChat: 0, overall: 0), now: start)
        queue.enqueue([item(1, chat: 10), item(2, chat: 20), item(3, chat: 10), item(4, chat: 30), item(5, chat: 20)])
        #expect(queue.pendingCount == 5)
        #expect(drain(&queue, at: start) == [1, 2, 3, 4, 5])
        #expect(queue.pendingCount == 0)
        #expect(queue.next(at: start) == .idle)
    }

    @Test func aChatWithAReplyOnTheWireWaitsForIt() {
        var queue = DeliveryQueue(rates: .init(perChat: 0, overall: 0), now: start)
        queue.enqueue([item(1, chat: 10), item(2, chat: 10), item(3, chat: 20)])
        guard case .send(let first) = queue.next(at: start) else {
            Issue.record("expected a send")
            return
        }
        #expect(first.id == 1)
        // Chat 10 is busy: the next reply goes to chat 20 even though 2 is older.
        guard case .send(let second) = queue.next(at: start) else {
            Issue.record("expected a send")
            return
        }
        #expect(second.id == 3)
        #expect(queue.next(at: start) == .idle)
        queue.finished(first, at: start)
        guard case .send(let third) = queue.next(at: start) else {
            Issue.record("expected a send")
            return
        }
        #expect(third.id == 2)
    }

    @Test func theOverallRateSpacesRepliesOut() {
        var queue = DeliveryQueue(rates: .init(perChat: 0, overall: 30), now: start)
        queue.enqueue((1...40).map { item(Int64($0), chat: Int64($0)) })
        // A full bucket allows a burst of 30, then one every 1/30 s.
        #expect(drain(&queue, at: start).count == 30)
        guard case .wait(let until) = queue.next(at: start) else {
            Issue.record("expected a wait")
            return
        }
        let wait = start.duration(to: until)
        #expect(wait > .milliseconds(30) && wait < .milliseconds(40))
        #expect(drain(&queue, at: until).count == 1)
        #expect(drain(&queue, at: start + .seconds(1)).count == 9)
    }

    @Test func thePerChatRateHoldsOneChatButNotTheOthers() {
        var queue = DeliveryQueue(rates: .init(perChat: 1, overall: 30), now: start)
        queue.enqueue([item(1, chat: 10), item(2, chat: 10), item(3, chat: 10), item(4, chat: 20)])
        #expect(drain(&queue, at: start) == [1, 4])
        guard case .wait(let until) = queue.next(at: start) else {
            Issue.record("expected a wait")
            return
        }
        #expect(start.duration(to: until) == .seconds(1))
        #expect(drain(&queue, at: start + .milliseconds(500)).isEmpty)
        #expect(drain(&queue, at: start + .seconds(1)) == [2])
        #expect(drain(&queue, at: start + .seconds(2)) == [3])
    }

    @Test func aFailurePausesEveryChatAndKeepsTheReplyFirst() {
        var queue = DeliveryQueue(rates: .init(perChat: 0, overall: 0), now: start)
        queue.enqueue([item(1, chat: 10), item(2, chat: 10), item(3, chat: 20)])
        guard case .send(let first) = queue.next(at: start) else {
            Issue.record("expected a send")
            return
        }
        queue.retry(first, pauseAll: start + .seconds(2))
        #expect(queue.next(at: start + .seconds(1)) == .wait(until: start + .seconds(2)))
        #expect(drain(&queue, at: start + .seconds(2)) == [1, 2, 3])
    }

    @Test func newRatesApply() {
        var queue = DeliveryQueue(rates: .init(perChat: 0, overall: 1), now: start)
        queue.enqueue((1...5).map { item(Int64($0), chat: Int64($0)) })
        #expect(drain(&queue, at: start).count == 1)
        queue.update(rates: .init(perChat: 0, overall: 0), now: start)
        #expect(drain(&queue, at: start).count == 4)
    }
}
