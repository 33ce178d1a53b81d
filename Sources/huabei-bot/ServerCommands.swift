import ArgumentParser

/// `huabei-bot relay`: runs `huabei-relay` with the same arguments (see `huabei-bot relay --help`).
struct RelayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relay",
        abstract: "Serve the web chat page and a Telegram-compatible endpoint for the bot daemon (runs huabei-relay).",
        discussion: "Every argument, --help included, goes to huabei-relay, which is installed next to huabei-bot."
    )

    @Argument(parsing: .captureForPassthrough, help: "Arguments for huabei-relay.")
    var arguments: [String] = []

    func run() throws {
        try SiblingExecutable(name: "huabei-relay").replaceProcess(arguments: arguments)
    }
}

/// `huabei-bot run`: runs `huabei-daemon` with the same arguments (see `huabei-bot run --help`).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the bot daemon: poll the local relay or Telegram and answer every message (runs huabei-daemon).",
        discussion: "Every argument, --help included, goes to huabei-daemon, which is installed next to huabei-bot."
    )

    @Argument(parsing: .captureForPassthrough, help: "Arguments for huabei-daemon.")
    var arguments: [String] = []

    func run() throws {
        try SiblingExecutable(name: "huabei-daemon").replaceProcess(arguments: arguments)
    }
}
