@testable import Channels
import Foundation
import HTTP

/// The Bot API's answers as the daemon reads them: a `getUpdates` batch, `sendMessage`'s, `getMe`'s and
/// `setMyCommands`' results, and the error an answer that is not a readable success stands for.
enum BotAPIAnswerFuzzer {
    static func run(_ body: Data) {
        if let batch = try? TelegramUpdateReader.read(body) {
            for update in batch.updates { _ = update.updateID }
            for malformed in batch.malformed { _ = malformed.reason.count }
        }
        _ = try? JSONDecoder().decode(TelegramEnvelope.Success<TelegramEnvelope.SentMessage>.self, from: body)
        _ = try? JSONDecoder().decode(TelegramEnvelope.Success<TelegramEnvelope.User>.self, from: body)
        _ = try? JSONDecoder().decode(TelegramEnvelope.Success<Bool>.self, from: body)
        for status in [200, 400, 429, 502] {
            let response = HTTPResponse(status: status, headers: ["Retry-After": "3"], body: body)
            _ = TelegramBotAPI.error(for: response, method: "sendMessage").description
        }
    }
}
