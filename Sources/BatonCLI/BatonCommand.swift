import ArgumentParser
import Foundation

/// `baton`: serve the deploy API, run the provider sandbox, and drive deployments from the terminal.
@main
struct BatonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baton",
        abstract: "Deploy several apps at once: the server decides, the client drives.",
        subcommands: [
            ServeCommand.self, DeployCommand.self, StatusCommand.self, ResumeCommand.self, CancelCommand.self,
            ListCommand.self, SandboxCommand.self, KeygenCommand.self, KeysCommand.self, GCCommand.self,
        ]
    )

    /// Runs the command; usage errors exit with 2 (not ArgumentParser's 64), as `baton deploy` documents.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            guard code == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(CLIExit.usage)
        }
    }
}
