import ArgumentParser
import BatonCore
import BatonProviders
import Foundation

/// Where the GitHub and Vercel APIs are. Tokens come only from the environment, never from flags
/// (flags show up in process listings and shell history).
struct ProviderOptions: ParsableArguments {
    @Option(name: .customLong("github-api-url"), help: ArgumentHelp("GitHub's API base URL (also GITHUB_API_URL).", valueName: "url"))
    var githubAPIURL: String?

    @Option(name: .customLong("vercel-api-url"), help: ArgumentHelp("Vercel's API base URL (also VERCEL_API_URL).", valueName: "url"))
    var vercelAPIURL: String?

    @Option(
        name: .customLong("github-content-pace"),
        help: ArgumentHelp(
            "How many forks and generated repositories Baton creates per GitHub token, shared by every instance on the store: CALLS/WINDOW limits such as 60/m,450/h (the default, below GitHub's 80 a minute and 500 an hour).",
            valueName: "pace"),
        transform: { text in
            guard let pace = CallPace(text) else {
                throw ValidationError("--github-content-pace takes CALLS/WINDOW limits separated by commas, such as 60/m,450/h or 10/30s.")
            }
            return pace
        })
    var githubContentPace: CallPace = .githubContentCreation

    /// The settings from these options and the environment (`GITHUB_TOKEN`, `VERCEL_TOKEN`, `VERCEL_TEAM_ID`).
    /// - Parameter sandboxURL: the sandbox's base URL, which replaces both APIs and supplies tokens when none are set.
    func settings(environment: [String: String], sandboxURL: String?) -> ProviderSettings {
        if let sandboxURL {
            return ProviderSettings(
                githubAPIURL: sandboxURL + "/github", vercelAPIURL: sandboxURL + "/vercel",
                githubToken: ProviderToken(environment["GITHUB_TOKEN"] ?? "sandbox-github-token"),
                vercelToken: ProviderToken(environment["VERCEL_TOKEN"] ?? "sandbox-vercel-token"),
                defaultTeamID: environment["VERCEL_TEAM_ID"], githubContentPace: githubContentPace
            )
        }
        return ProviderSettings(
            githubAPIURL: githubAPIURL ?? environment["GITHUB_API_URL"] ?? "https://api.github.com",
            vercelAPIURL: vercelAPIURL ?? environment["VERCEL_API_URL"] ?? "https://api.vercel.com",
            githubToken: ProviderToken(environment["GITHUB_TOKEN"]),
            vercelToken: ProviderToken(environment["VERCEL_TOKEN"]),
            defaultTeamID: environment["VERCEL_TEAM_ID"], githubContentPace: githubContentPace
        )
    }
}
