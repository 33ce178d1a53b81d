@testable import Channels
import Foundation
import HTTP

/// A Matrix `/sync` answer as the daemon reads it: decoded, taken into the room directory and turned into
/// updates (mentions, encrypted rooms, history), plus the error an unreadable answer stands for.
enum MatrixSyncFuzzer {
    static let bot = MatrixMention(userID: "@huabei:example.org", displayName: "Huabei")

    static func run(_ body: Data) {
        if let sync = try? MatrixSync.read(body) {
            var directory = MatrixRoomDirectory(bot: bot)
            for roomID in directory.absorb(sync) { directory.setJoinedCount(3, for: roomID) }
            for update in directory.updates(of: sync, initial: false) { _ = update.updateID }
            var first = MatrixRoomDirectory(bot: bot)
            _ = first.absorb(sync)
            _ = first.updates(of: sync, initial: true)
        }
        for status in [200, 403, 429, 502] {
            _ = MatrixClient.error(for: HTTPResponse(status: status, body: body), method: "sync").description
        }
    }
}
