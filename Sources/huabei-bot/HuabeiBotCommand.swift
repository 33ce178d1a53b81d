import ArgumentParser

/// `huabei-bot`: the HuabeiBot command line. Each subcommand wires library modules together.
@main
struct HuabeiBotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "huabei-bot",
        abstract: "A chat bot that helps Alipay users whose 花呗 is frozen, closed or unusable.",
        subcommands: [
            ReplCommand.self,
            ClassifyCommand.self,
            EvalCommand.self,
            IntentsCommand.self,
            BenchCommand.self,
            ConfigCommand.self,
            RelayCommand.self,
            ReportCommand.self,
            ReviewCommand.self,
            RunCommand.self,
        ]
    )
}
