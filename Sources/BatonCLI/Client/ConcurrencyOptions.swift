import ArgumentParser
import BatonClient

/// How many apps `baton deploy` and `baton resume` drive at once.
struct ConcurrencyOptions: ParsableArguments {
    @Option(help: "How many apps to drive at once (default \(DeploymentRunnerOptions.defaultMaxConcurrentApps)); the others wait for a free slot.")
    var concurrency = DeploymentRunnerOptions.defaultMaxConcurrentApps

    @Flag(help: "One app after another: the same as --concurrency 1.")
    var sequential = false

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be 1 or more.") }
    }

    /// The runner's ``DeploymentRunnerOptions/maxConcurrentApps``.
    var maxConcurrentApps: Int { sequential ? 1 : concurrency }
}
