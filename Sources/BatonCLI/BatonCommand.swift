import ArgumentParser

/// `baton`: serve the deploy API, run the provider sandbox, and (later) drive deployments.
@main
struct BatonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baton",
        abstract: "Deploy several apps at once: the server decides, the client drives.",
        subcommands: [ServeCommand.self, SandboxCommand.self, KeygenCommand.self, GCCommand.self]
    )
}
