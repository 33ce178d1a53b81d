import ArgumentParser
import Console

/// `huabei-bot repl`: chat with the bot locally.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Chat with the bot locally; shows intent, confidence, runner-ups and (:explain) why."
    )

    @OptionGroup var options: CatalogOptions

    @Flag(name: .long, help: "Print one JSON object per turn (for scripts); implied reading from stdin line by line.")
    var jsonl = false

    func run() throws {
        var runner = REPLRunner(engine: try options.loadEngine(), jsonl: jsonl)
        runner.run()
    }
}
