import ArgumentParser
import BuildInfo
import CMalloc

/// `huabei-bot`: the HuabeiBot command line. Each subcommand wires library modules together.
@main
struct HuabeiBotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "huabei-bot",
        abstract: "A chat bot that helps Alipay users whose 花呗 is frozen, closed or unusable.",
        version: "huabei-bot \(BuildInfo.description)",
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

    static func main() async {
        // glibc's starting trim threshold, fixed: the memory the classifier's training frees goes back to the system
        // (1.2 MB less peak RSS in the REPL).
        _ = cmalloc_fix_trim_threshold(128 * 1024)
        await main(nil)
    }
}
