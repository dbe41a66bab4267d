import ArgumentParser
import FAQKit
import Foundation
import Logging

/// `faq`: the FAQ knowledge base from the command line. Each subcommand is a thin layer over
/// `FAQKit`; all the logic lives in the library.
@main
struct FAQCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "faq",
        abstract: "Search and answer questions from an FAQ knowledge base.",
        discussion: """
            The bundled SiliconFlow FAQ is used unless --corpus (or FAQ_CORPUS) names another file. \
            The index is built on first use and rebuilt when the corpus changes.
            """,
        version: FAQKitInfo.version,
        subcommands: [
            Ask.self, Search.self, Show.self, Entries.self, IndexCommand.self, Stats.self, Explain.self, Serve.self, MCPCommand.self, Report.self,
            Bench.self,
        ],
        defaultSubcommand: nil
    )
}
