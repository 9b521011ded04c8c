import ArgumentParser
import BatonClient
import BatonCore
import Foundation

/// `baton deploy`: starts a workflow on a Baton server and drives it to the end, showing its progress.
struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Deploy apps through a Baton server, showing each app's progress.",
        discussion: """
            Exit codes: 0 every action succeeded, 1 an action failed, 2 usage or validation error, 3 the server \
            is unreachable, 130 interrupted (Ctrl-C; continue with `baton resume ID`). The workflow's token is kept \
            in ~/.baton/workflows/ID.json (mode 0600; BATON_HOME replaces ~/.baton).
            """
    )

    @OptionGroup var client: ClientOptions

    @Option(help: ArgumentHelp("Apps to deploy, comma-separated (default: every app the server offers).", valueName: "a,b"))
    var apps: String?

    @Option(help: "The GitHub account or organization that receives the repositories.")
    var owner: String?

    @Option(help: ArgumentHelp("The Vercel team id (team_…).", valueName: "id"))
    var team: String?

    @Option(help: "A custom domain; each app gets its subdomain of it.")
    var domain: String?

    @Option(name: .customLong("env"), help: ArgumentHelp("An env value for one app (repeatable).", valueName: "app:KEY=VALUE"))
    var env: [String] = []

    @Option(name: .customLong("env-file"), help: ArgumentHelp("A dotenv file of env values for one app (repeatable).", valueName: "app=PATH"))
    var envFiles: [String] = []

    @OptionGroup var concurrency: ConcurrencyOptions

    @OptionGroup var ownAccounts: OwnAccountOptions

    func run() async throws {
        throw ExitCode(await deploy())
    }

    private func deploy() async -> Int32 {
        let started = ContinuousClock.now
        let renderer = client.renderer()
        do {
            let server = try client.serverURL()
            let envVars = try EnvArguments.collect(env: env, envFiles: envFiles)
            let accounts = try ownAccounts.accounts(environment: ProcessInfo.processInfo.environment)
            let transport = CountingTransport()
            let apiKey = client.apiKey
            let baton = BatonClient(serverURL: server, transport: transport, credential: { apiKey })
            let options = DeploymentRunnerOptions(maxConcurrentApps: concurrency.maxConcurrentApps, retryPolicy: client.retryPolicy)
            let config = WorkflowConfig(
                apps: try await appIDs(baton, retry: options.retryPolicy), github: GitHubTarget(owner: owner ?? ""),
                vercel: team.map(VercelTarget.init(teamID:)), domain: domain)
            let runner: DeploymentRunner
            do {
                runner = try await DeploymentRunner.start(
                    InitRequest(config: config, envVars: envVars, accounts: accounts), client: baton, options: options,
                    onRetry: { notice in await renderer.starting(notice.description) })
            } catch let error as BatonClientError {
                throw CLIFailure(error)
            }
            try WorkflowTokenFile(workflowID: runner.credentials.workflowID, token: runner.credentials.token,
                                  server: server.absoluteString, createdAt: Date())
                .save(environment: ProcessInfo.processInfo.environment)
            return await DeploymentSession(runner: runner, renderer: renderer, transport: transport, started: started).run()
        } catch let failure as CLIFailure {
            await renderer.failed(failure)
            return failure.exitCode
        } catch {
            let failure = CLIFailure.unreachable("\(error)")
            await renderer.failed(failure)
            return failure.exitCode
        }
    }

    /// `--apps` split on commas, or every app of the server's catalog.
    private func appIDs(_ baton: BatonClient, retry: RetryPolicy) async throws -> [String] {
        if let apps {
            return apps.split(separator: ",").map { $0.trimmingSpaces() }
        }
        do {
            return try await retry.run { () async throws(BatonClientError) in try await baton.catalog() }.apps.map(\.id)
        } catch let error as BatonClientError {
            throw CLIFailure(error)
        }
    }
}
