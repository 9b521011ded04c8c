public import AsyncHTTPClient
public import BatonCore
import Foundation
import NIOHTTP1

/// The GitHub REST API calls Baton makes (API version 2022-11-28).
public struct GitHubClient: Sendable {
    private let transport: ProviderTransport

    private init(transport: ProviderTransport) {
        self.transport = transport
    }

    /// The same client sending `token` (a user's own account's token) instead of the one it was made with.
    public func authorized(by token: ProviderToken) -> GitHubClient {
        GitHubClient(transport: transport.authorized(by: token))
    }

    /// The same client reporting its calls to `telemetry` (see ``ProviderTransport/observed(by:)``).
    public func observed(by telemetry: Telemetry) -> GitHubClient {
        GitHubClient(transport: transport.observed(by: telemetry))
    }

    /// A client for the API at `baseURL` (`https://api.github.com`, or the sandbox's `/sandbox/github`).
    public init(baseURL: String, token: ProviderToken, http: HTTPClient) {
        transport = ProviderTransport(
            provider: .github, baseURL: baseURL, token: token,
            extraHeaders: [("Accept", "application/vnd.github+json"), ("X-GitHub-Api-Version", "2022-11-28")],
            http: http
        )
    }

    /// The login of the token's user.
    public func authenticatedLogin() async throws -> String {
        let response = try await transport.send(.GET, "/user", operation: "users/get-authenticated")
        try expect(response, 200)
        return try response.decode(GitHubAccount.self).login
    }

    /// The repository, or `nil` when it does not exist (or the token cannot see it).
    public func repository(owner: String, name: String) async throws -> GitHubRepository? {
        let response = try await transport.send(.GET, "/repos/\(escape(owner))/\(escape(name))", operation: "repos/get")
        if response.status == 404 { return nil }
        try expect(response, 200)
        return try response.decode(GitHubRepository.self)
    }

    /// Forks `owner/name` into `organization` (or the token's user when `nil`), named `newName` (the template's name
    /// when `nil`). GitHub keeps one fork of a repository network per account: when the account already has one, it
    /// answers with that fork, whatever its name and whatever name was asked for (see ``GitHubRepository/isCopy(of:)``).
    /// - Returns: the fork, or `nil` when the source repository does not exist.
    public func fork(owner: String, name: String, into organization: String?, newName: String? = nil) async throws -> GitHubRepository? {
        struct Body: Encodable, Sendable {
            var organization: String?
            var name: String?
            var default_branch_only: Bool
        }
        let response = try await transport.send(.POST, "/repos/\(escape(owner))/\(escape(name))/forks", operation: "repos/create-fork",
                                                 body: Body(organization: organization, name: newName, default_branch_only: true))
        if response.status == 404 { return nil }
        try expect(response, 202)
        return try response.decode(GitHubRepository.self)
    }

    /// What generating a repository from a template answered.
    public enum GenerateResult: Sendable {
        /// The new repository.
        case created(GitHubRepository)
        /// A repository of that name exists already (422 "Could not clone: Name already exists on this account").
        case nameTaken
        /// The source is not a template repository (422 "Could not clone: … is not a template repository."; GitHub's
        /// message).
        case notATemplate(String)
        /// The template does not exist or the token cannot see it (404).
        case templateNotFound
    }

    /// Creates `owner/name` from the template repository `templateOwner/templateName`.
    public func generate(templateOwner: String, templateName: String, owner: String, name: String) async throws -> GenerateResult {
        struct Body: Encodable, Sendable {
            var owner: String
            var name: String
            var `private`: Bool
            var include_all_branches: Bool
        }
        let response = try await transport.send(
            .POST, "/repos/\(escape(templateOwner))/\(escape(templateName))/generate", operation: "repos/create-using-template",
            body: Body(owner: owner, name: name, private: false, include_all_branches: false)
        )
        switch response.status {
        case 201: return .created(try response.decode(GitHubRepository.self))
        case 404: return .templateNotFound
        case 422:
            let message = ProviderErrorBody.message(in: response)
            if message.localizedCaseInsensitiveContains("not a template") { return .notATemplate(message) }
            if message.localizedCaseInsensitiveContains("already exists") { return .nameTaken }
            throw ProviderError.unexpected(provider: .github, status: 422, code: nil, message: message)
        default:
            throw ProviderError.unexpected(
                provider: .github, status: response.status, code: nil, message: ProviderErrorBody.message(in: response)
            )
        }
    }

    /// Whether `branch` of `owner/name` has a commit yet.
    public func branchState(owner: String, name: String, branch: String) async throws -> GitHubBranchState {
        struct Branch: Decodable {
            struct Commit: Decodable { var sha: String }
            var commit: Commit
        }
        let response = try await transport.send(.GET, "/repos/\(escape(owner))/\(escape(name))/branches/\(escape(branch))", operation: "repos/get-branch")
        if response.status == 404 || response.status == 409 { return .empty }
        try expect(response, 200)
        return .ready(sha: try response.decode(Branch.self).commit.sha)
    }

    /// The accounts where the token's user has Baton's GitHub App installed (`GET /user/installations`; user access
    /// tokens of a GitHub App only), by login.
    public func installedAccounts() async throws -> [String] {
        struct Installations: Decodable {
            struct Installation: Decodable { var account: GitHubAccount }
            var installations: [Installation]
        }
        let response = try await transport.send(.GET, "/user/installations?per_page=100", operation: "apps/list-installations-for-authenticated-user")
        try expect(response, 200)
        return try response.decode(Installations.self).installations.map(\.account.login)
    }

    /// The organizations the token's user belongs to (`GET /user/orgs`), by login.
    public func organizations() async throws -> [String] {
        let response = try await transport.send(.GET, "/user/orgs?per_page=100", operation: "orgs/list-for-authenticated-user")
        try expect(response, 200)
        return try response.decode([GitHubAccount].self).map(\.login)
    }

    private func expect(_ response: ProviderResponse, _ status: Int) throws {
        guard response.status == status else {
            throw ProviderError.unexpected(
                provider: .github, status: response.status, code: nil, message: ProviderErrorBody.message(in: response)
            )
        }
    }
}

/// Percent-encodes one path segment.
func escape(_ segment: String) -> String {
    segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? segment
}
