import Foundation
import Hummingbird
import RequestDecoding

/// `setMyCommands`, `getMyCommands` and `deleteMyCommands`, checked as Telegram checks them: `commands` is a JSON
/// array of `{"command", "description"}` (in a JSON body, or as JSON text in a query or form parameter); a command
/// is 1–32 of a-z, 0-9 and _ (`Bad Request: BOT_COMMAND_INVALID`), a description 1–256 characters; at most 100
/// commands. `scope` (a `BotCommandScope` object) and `language_code` select the list, as on Telegram.
extension BotAPI {
    /// Telegram's limits.
    static let maxCommands = 100
    static let maxCommandDescription = 256

    func setMyCommands(_ parameters: RequestParameters, body: [UInt8]) throws -> Response {
        let key = try commandListKey(parameters, body: body)
        // Telegram sets an empty list when `commands` is missing.
        guard let value = try jsonParameter("commands", parameters, body: body) else {
            context.commands.set([], for: key)
            return JSONResponse.make(Telegram.Success(result: true))
        }
        guard let items = value as? [Any] else { throw BotAPIError(code: 400, description: "Bad Request: can't parse commands JSON object") }
        guard items.count <= Self.maxCommands else { throw BotAPIError(code: 400, description: "Bad Request: too many commands specified") }
        var commands: [Telegram.BotCommand] = []
        for item in items {
            guard let object = item as? [String: Any] else { throw BotAPIError(code: 400, description: "Bad Request: can't parse BotCommand: Object expected") }
            guard let command = object["command"] as? String else {
                throw BotAPIError(code: 400, description: "Bad Request: can't parse BotCommand: Can't find field \"command\"")
            }
            guard let description = object["description"] as? String else {
                throw BotAPIError(code: 400, description: "Bad Request: can't parse BotCommand: Can't find field \"description\"")
            }
            let name = command.hasPrefix("/") ? String(command.dropFirst()) : command
            guard Self.isCommandName(name) else { throw BotAPIError(code: 400, description: "Bad Request: BOT_COMMAND_INVALID") }
            let trimmed = String(description.trimmingWhitespace)
            guard !trimmed.isEmpty else { throw BotAPIError(code: 400, description: "Bad Request: command description must be non-empty") }
            guard trimmed.count <= Self.maxCommandDescription else {
                throw BotAPIError(code: 400, description: "Bad Request: command description is too long")
            }
            commands.append(Telegram.BotCommand(command: name, description: trimmed))
        }
        context.commands.set(commands, for: key)
        return JSONResponse.make(Telegram.Success(result: true))
    }

    func getMyCommands(_ parameters: RequestParameters, body: [UInt8]) throws -> Response {
        JSONResponse.make(Telegram.Success(result: context.commands.commands(for: try commandListKey(parameters, body: body))))
    }

    func deleteMyCommands(_ parameters: RequestParameters, body: [UInt8]) throws -> Response {
        context.commands.set([], for: try commandListKey(parameters, body: body))
        return JSONResponse.make(Telegram.Success(result: true))
    }

    /// The list `scope` and `language_code` select.
    private func commandListKey(_ parameters: RequestParameters, body: [UInt8]) throws -> BotCommandRegistry.Key {
        var scope = "default"
        if let value = try jsonParameter("scope", parameters, body: body) {
            guard let object = value as? [String: Any], let type = object["type"] as? String else {
                throw BotAPIError(code: 400, description: "Bad Request: can't parse BotCommandScope JSON object")
            }
            let scopes = ["default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat", "chat_administrators", "chat_member"]
            guard scopes.contains(type) else { throw BotAPIError(code: 400, description: "Bad Request: unsupported bot command scope type") }
            scope = type
            if let chat = object["chat_id"] { scope += ":\(chat)" }
            if let user = object["user_id"] { scope += ":\(user)" }
        }
        let language = parameters["language_code"]?.string ?? ""
        guard language.isEmpty || (language.count == 2 && language.allSatisfy { $0.isASCII && $0.isLetter && $0.isLowercase }) else {
            throw BotAPIError(code: 400, description: "Bad Request: invalid language code specified")
        }
        return .init(scope: scope, language: language)
    }

    /// A parameter holding JSON: an array or object in a JSON body, or JSON text in a query or form parameter; nil
    /// when it is absent or empty.
    private func jsonParameter(_ name: String, _ parameters: RequestParameters, body: [UInt8]) throws -> Any? {
        switch parameters[name] {
        case nil, .null?:
            return nil
        case .compound?:
            let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
            return object?[name]
        case .string(let text)? where text.trimmingWhitespace.isEmpty:
            return nil
        case .string(let text)?:
            guard let value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else {
                throw BotAPIError(code: 400, description: "Bad Request: can't parse \(name) JSON object")
            }
            return value
        default:
            throw BotAPIError(code: 400, description: "Bad Request: can't parse \(name) JSON object")
        }
    }

    /// Telegram's rule for command names: 1–32 of a-z, 0-9 and _.
    static func isCommandName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 32
            && name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    }
}
