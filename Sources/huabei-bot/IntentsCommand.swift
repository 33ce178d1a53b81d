import ArgumentParser
import Classifier
import Dialogue

/// `huabei-bot intents list|check|export|scam`.
struct IntentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intents",
        abstract: "List, validate or export the intents.",
        subcommands: [List.self, Check.self, Export.self, Scam.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One line per intent: id, category, examples, title.")
        @OptionGroup var options: CatalogOptions

        func run() throws {
            let catalog = try options.loadCatalog()
            for intent in catalog.intents {
                let followUps = intent.followUps.isEmpty ? "" : "  follow-ups: \(intent.followUps.map(\.id).joined(separator: ", "))"
                print("\(intent.id.padding(toLength: 18, withPad: " ", startingAt: 0)) \(intent.category.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(String(intent.examples.count).leftPadded(4)) examples  \(intent.title)\(followUps)")
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate every intent file; errors as file:line: message.")
        @OptionGroup var options: CatalogOptions

        func run() throws {
            let catalog = try options.loadCatalog()
            let examples = catalog.intents.reduce(0) { $0 + $1.examples.count }
            print("ok: \(catalog.intents.count) intents, \(examples) examples, \(catalog.intents.reduce(0) { $0 + $1.followUps.count }) follow-up questions")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print every example as intent<TAB>text.")
        @OptionGroup var options: CatalogOptions
        @Flag(name: .long, help: "Tab-separated output (the only format for now).")
        var tsv = false

        func run() throws {
            let catalog = try options.loadCatalog()
            var output = ""
            for example in catalog.trainingExamples {
                let text = example.text.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
                output += "\(example.intent)\t\(text)\n"
            }
            print(output, terminator: "")
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        String(repeating: " ", count: Swift.max(0, width - count)) + self
    }
}

#if canImport(Foundation)
import Foundation
#endif
