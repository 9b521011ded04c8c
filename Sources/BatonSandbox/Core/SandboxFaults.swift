/// Targeted faults: switched on through `POST /sandbox/faults` to make one scenario fail on purpose.
struct SandboxFaults: Sendable, Equatable {
    /// A Vercel project name whose next deployment ends in `ERROR`; cleared when that deployment is created.
    var failDeployment: String?
    /// When on, every provider request is answered as if its token were bad.
    var rejectTokens = false
    /// A GitHub owner login on which the Vercel GitHub App is "not installed": linking or deploying its
    /// repositories fails.
    var missingGitHubApp: String?

    /// Whether the Vercel GitHub App cannot see repositories of `owner`.
    func lacksGitHubApp(owner: String) -> Bool {
        missingGitHubApp.map { $0.lowercased() == owner.lowercased() } ?? false
    }
}
