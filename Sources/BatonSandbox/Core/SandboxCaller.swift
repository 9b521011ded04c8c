/// Who an accepted token acts as.
///
/// A token the sandbox issued through its OAuth apps belongs to the user who consented; every other accepted token
/// is the operator — GitHub `baton-sandbox-user`, Vercel's shared personal account — who may write anywhere.
enum SandboxCaller: Sendable, Equatable {
    /// Any accepted token the sandbox did not issue through OAuth.
    case `operator`
    /// A GitHub user access token issued by the sandbox's GitHub App.
    case gitHubUser(SandboxGitHubUser)
    /// A Vercel access token issued by the sandbox's "Sign in with Vercel" app.
    case vercelUser(SandboxVercelUser)
}
