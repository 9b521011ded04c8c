import ArgumentParser
import BatonClient
import Foundation

/// `baton resume ID`: continues a workflow where it stands, from this or another machine; failed actions are tried
/// again.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue a workflow where it stands, trying failed actions again.",
        discussion: "Exit codes as for `baton deploy`."
    )

    @OptionGroup var workflow: WorkflowSelection

    @OptionGroup var client: ClientOptions

    @OptionGroup var concurrency: ConcurrencyOptions

    func run() async throws {
        let started = ContinuousClock.now
        let renderer = client.renderer()
        do {
            let (server, credentials) = try WorkflowAccess.resolve(workflow, client: client)
            let transport = CountingTransport()
            let options = DeploymentRunnerOptions(
                maxConcurrentApps: concurrency.maxConcurrentApps, retryPolicy: client.retryPolicy, retriesFailedActions: true)
            let runner: DeploymentRunner
            do {
                runner = try await DeploymentRunner.resume(credentials, client: BatonClient(serverURL: server, transport: transport), options: options)
            } catch let error as BatonClientError {
                throw CLIFailure(error)
            }
            throw ExitCode(await DeploymentSession(runner: runner, renderer: renderer, transport: transport, started: started).run())
        } catch let failure as CLIFailure {
            await renderer.failed(failure)
            throw ExitCode(failure.exitCode)
        }
    }
}
