import ArgumentParser
import BatonCore

/// `--github-token-env VAR` and `--vercel-token-env VAR`: deploy into the user's own accounts with tokens read from
/// the environment variables named (never from flags, which show in process listings and shell history). Both or
/// neither: a workflow uses the user's own account at every provider or at none. The tokens are sent once, with
/// `init`, and the server keeps them sealed.
struct OwnAccountOptions: ParsableArguments {
    @Option(
        name: .customLong("github-token-env"),
        help: ArgumentHelp("Deploy into your own GitHub account with the token in this environment variable (with --vercel-token-env).", valueName: "VAR"))
    var githubTokenVariable: String?

    @Option(
        name: .customLong("vercel-token-env"),
        help: ArgumentHelp("Deploy into your own Vercel account with the token in this environment variable (with --github-token-env).", valueName: "VAR"))
    var vercelTokenVariable: String?

    /// The `accounts` of `init`: empty when neither option is given.
    /// - Throws: a usage failure when only one is given, or a variable is unset or empty.
    func accounts(environment: [String: String]) throws(CLIFailure) -> [AccountProviderKind: AccountChoice] {
        switch (githubTokenVariable, vercelTokenVariable) {
        case (nil, nil):
            return [:]
        case (let github?, let vercel?):
            return [.github: .token(try Self.token(github, option: "--github-token-env", environment: environment)),
                    .vercel: .token(try Self.token(vercel, option: "--vercel-token-env", environment: environment))]
        default:
            throw .usage("--github-token-env and --vercel-token-env go together: a workflow deploys into your own accounts at both providers, or with the server's at both.")
        }
    }

    private static func token(_ variable: String, option: String, environment: [String: String]) throws(CLIFailure) -> String {
        guard let value = environment[variable], !value.isEmpty else {
            throw .usage("\(option) \(variable): the environment variable \(variable) is not set or is empty.")
        }
        return value
    }
}
