import Foundation

/// The faults that refuse GitHub's content-creating calls (`POST …/forks` and `POST …/generate`), answered the way
/// GitHub answers them: nothing is created.
enum GitHubContentCreation {
    /// The message of GitHub's secondary rate limit (providers.md §6.1; the docs give no exact wording).
    static let secondaryRateLimitMessage =
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
    /// The message for a fine-grained personal access token lacking a permission (providers.md §6.2).
    static let notAccessibleMessage = "Resource not accessible by personal access token"
    /// The message for a GitHub App token (installation or user access token) lacking access (providers.md §6.2).
    static let notAccessibleByIntegrationMessage = "Resource not accessible by integration"

    /// Throws 403 while the `secondaryRateLimit` fault has calls left, counting this one; the fault clears itself
    /// after its last refusal. The reply carries the usual `x-ratelimit-*` headers (added for every GitHub answer,
    /// so `x-ratelimit-remaining` is not 0: the primary quota is not what ran out) and `retry-after` only when the
    /// fault names a number of seconds.
    static func checkSecondaryRateLimit(_ state: inout SandboxState, now: Date) throws(ProviderReply) {
        try checkContentCreationLimit(&state, now: now)
        guard var limit = state.faults.secondaryRateLimit else { return }
        limit.remaining -= 1
        state.faults.secondaryRateLimit = limit.remaining > 0 ? limit : nil
        var reply = GitHubErrorReply.make(
            403, secondaryRateLimitMessage, documentation: GitHubErrorReply.Documentation.secondaryRateLimits)
        if let seconds = limit.retryAfter {
            reply.headers["retry-after"] = String(seconds)
        }
        throw reply
    }

    /// Counts this call and throws the secondary-limit 403 (without `retry-after`, as GitHub often answers) when the
    /// `contentCreationLimit` fault is set and the last 60 s or 3600 s already hold its number of calls.
    static func checkContentCreationLimit(_ state: inout SandboxState, now: Date) throws(ProviderReply) {
        guard let limit = state.faults.contentCreationLimit else { return }
        state.contentCreations.removeAll { now.timeIntervalSince($0) >= 3600 }
        let lastMinute = state.contentCreations.filter { now.timeIntervalSince($0) < 60 }.count
        let lastHour = state.contentCreations.count
        state.contentCreations.append(now)
        guard lastMinute >= limit.perMinute || lastHour >= limit.perHour else { return }
        state.contentCreationRefusals += 1
        throw GitHubErrorReply.make(
            403, secondaryRateLimitMessage, documentation: GitHubErrorReply.Documentation.secondaryRateLimits)
    }

    /// The members of a content-creating call's body, with the types of `fields` checked. The secondary rate limit
    /// is checked (and counted) first, since GitHub refuses such a call before it reads the body.
    static func checkedOptions(
        _ state: inout SandboxState, _ call: ProviderCall, required: Bool, fields: [(String, GitHubRequestBody.FieldType)],
        documentation: String
    ) throws(ProviderReply) -> [String: JSONValue] {
        try checkSecondaryRateLimit(&state, now: call.now)
        let options = try GitHubRequestBody.members(of: call.body, required: required, documentation: documentation)
        try GitHubRequestBody.checkTypes(options, fields, documentation: documentation)
        return options
    }

    /// The account the new repository goes to: `requested` (the body's `organization` or `owner`), or else the
    /// caller's own. Throws 403 when the caller may not create repositories there (see ``checkWritable``).
    static func writableOwner(
        requested: String?, call: ProviderCall, state: SandboxState, documentation: String, acceptedPermissions: String
    ) throws(ProviderReply) -> String {
        let caller = call.caller ?? .operator
        let owner = requested ?? caller.gitHubLogin
        try checkWritable(
            owner: owner, caller: caller, state: state, documentation: documentation, acceptedPermissions: acceptedPermissions)
        return owner
    }

    /// Throws 403 with `X-Accepted-GitHub-Permissions` naming what the operation needs when `caller` may not
    /// create repositories in `owner`: `Resource not accessible by integration` for a user access token outside
    /// its own account and its organizations where the App is installed (a user token acts on the intersection of
    /// the user's and the installation's access, providers.md §6.2); `Resource not accessible by personal access
    /// token` when `owner` is the `readOnlyOwner` fault's.
    private static func checkWritable(
        owner: String, caller: SandboxCaller, state: SandboxState, documentation: String, acceptedPermissions: String
    ) throws(ProviderReply) {
        let message: String
        if !caller.mayCreateRepositories(in: owner) {
            message = notAccessibleByIntegrationMessage
        } else if state.faults.isReadOnly(owner: owner) {
            message = notAccessibleMessage
        } else {
            return
        }
        var reply = GitHubErrorReply.make(403, message, documentation: documentation)
        reply.headers["x-accepted-github-permissions"] = acceptedPermissions
        throw reply
    }
}
