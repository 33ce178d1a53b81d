/// The parts of the relay's answers the load generator reads.
enum RelayWire {
    struct CreatedChat: Decodable {
        let chat_id: String
        let token: String
    }

    struct CreatedMessage: Decodable {
        let id: Int64
    }

    struct ChatMessages: Decodable {
        struct Message: Decodable {
            let id: Int64
            let from: String
        }
        let messages: [Message]
    }

    struct Updates: Decodable {
        struct Update: Decodable {
            struct Message: Decodable {
                struct Chat: Decodable { let id: Int64 }
                let message_id: Int64
                let chat: Chat
            }
            let update_id: Int64
            let message: Message
        }
        let result: [Update]
    }
}
