public import AsyncHTTPClient
public import BatonCore
import Foundation
import NIOHTTP1

/// The Vercel REST API calls Baton makes, scoped to a team when one is given.
public struct VercelClient: Sendable {
    private let transport: ProviderTransport

    private init(transport: ProviderTransport) {
        self.transport = transport
    }

    /// The same client sending `token` (a user's own account's token) instead of the one it was made with.
    public func authorized(by token: ProviderToken) -> VercelClient {
        VercelClient(transport: transport.authorized(by: token))
    }

    /// The same client reporting its calls to `telemetry` (see ``ProviderTransport/observed(by:)``).
    public func observed(by telemetry: Telemetry) -> VercelClient {
        VercelClient(transport: transport.observed(by: telemetry))
    }

    /// A client for the API at `baseURL` (`https://api.vercel.com`, or the sandbox's `/sandbox/vercel`).
    public init(baseURL: String, token: ProviderToken, http: HTTPClient) {
        transport = ProviderTransport(provider: .vercel, baseURL: baseURL, token: token, http: http)
    }

    /// The project with this id or name, or `nil`.
    public func project(_ idOrName: String, teamID: String?) async throws -> VercelProject? {
        let response = try await transport.send(.GET, "/v9/projects/\(escape(idOrName))" + query(teamID), operation: "getProject")
        if response.status == 404 { return nil }
        try expect(response, 200)
        return try response.decode(VercelProject.self)
    }

    /// What creating a project answered.
    public enum CreateProjectResult: Sendable {
        /// The new project.
        case created(VercelProject)
        /// A project of that name exists.
        case nameTaken
        /// Vercel cannot see the repository: its GitHub App is not installed for the owner (Vercel's message).
        case repositoryNotAccessible(String)
    }

    /// Creates a project linked to the GitHub repository `repository` (`owner/name`).
    public func createProject(name: String, framework: String?, repository: String, teamID: String?) async throws -> CreateProjectResult {
        struct Body: Encodable, Sendable {
            struct GitRepository: Encodable, Sendable {
                var type: String
                var repo: String
            }
            var name: String
            var framework: String?
            var gitRepository: GitRepository

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(name, forKey: .name)
                try container.encode(framework, forKey: .framework)
                try container.encode(gitRepository, forKey: .gitRepository)
            }

            enum CodingKeys: String, CodingKey { case name, framework, gitRepository }
        }
        let body = Body(name: name, framework: framework, gitRepository: .init(type: "github", repo: repository))
        let response = try await transport.send(.POST, "/v11/projects" + query(teamID), operation: "createProject", body: body)
        switch response.status {
        case 200, 201: return .created(try response.decode(VercelProject.self))
        case 409: return .nameTaken
        case 400 where ProviderErrorBody.message(in: response).localizedCaseInsensitiveContains("GitHub"):
            return .repositoryNotAccessible(ProviderErrorBody.message(in: response))
        default:
            throw unexpected(response)
        }
    }

    /// Creates or updates encrypted env vars for production and preview.
    /// - Returns: the keys Vercel reported as failed, with its messages.
    public func upsertEnv(projectID: String, values: [String: String], teamID: String?) async throws -> [String: String] {
        struct Variable: Encodable, Sendable {
            var key: String
            var value: String
            var type: String
            var target: [String]
        }
        struct Reply: Decodable {
            struct Failure: Decodable {
                struct Detail: Decodable {
                    var code: String?
                    var message: String?
                    var key: String?
                    var envVarKey: String?
                }
                var error: Detail
            }
            var failed: [Failure]?
        }
        let variables = values.keys.sorted().map {
            Variable(key: $0, value: values[$0]!, type: "encrypted", target: ["production", "preview"])
        }
        let response = try await transport.send(
            .POST, "/v10/projects/\(escape(projectID))/env" + query(teamID, ["upsert": "true"]), operation: "createProjectEnv",
            body: variables
        )
        try expect(response, 201)
        var failed: [String: String] = [:]
        for failure in try response.decode(Reply.self).failed ?? [] {
            let key = failure.error.key ?? failure.error.envVarKey ?? "?"
            failed[key] = failure.error.message ?? failure.error.code ?? "failed"
        }
        return failed
    }

    /// What creating a deployment answered.
    public enum CreateDeploymentResult: Sendable {
        /// The new deployment.
        case created(VercelDeployment)
        /// Vercel cannot read the repository or branch yet (`incorrect_git_source_info`), as while a fork propagates.
        case gitSourceNotReady(String)
    }

    /// Creates a production deployment of `ref` of the GitHub repository `repositoryID`, tagged with `meta`.
    public func createProductionDeployment(
        projectName: String, projectID: String, repositoryID: Int, ref: String, meta: [String: String], teamID: String?
    ) async throws -> CreateDeploymentResult {
        struct Body: Encodable, Sendable {
            struct GitSource: Encodable, Sendable {
                var type: String
                var repoID: Int
                var ref: String

                enum CodingKeys: String, CodingKey { case type, repoID = "repoId", ref }
            }
            var name: String
            var project: String
            var target: String
            var gitSource: GitSource
            var meta: [String: String]
        }
        let body = Body(name: projectName, project: projectID, target: "production",
                        gitSource: .init(type: "github", repoID: repositoryID, ref: ref), meta: meta)
        let response = try await transport.send(.POST, "/v13/deployments" + query(teamID), operation: "createDeployment", body: body)
        if response.status == 400, ProviderErrorBody.code(in: response) == "incorrect_git_source_info" {
            return .gitSourceNotReady(ProviderErrorBody.message(in: response))
        }
        try expect(response, 200)
        return .created(try response.decode(VercelDeployment.self))
    }

    /// A deployment by id.
    public func deployment(_ id: String, teamID: String?) async throws -> VercelDeployment {
        let response = try await transport.send(.GET, "/v13/deployments/\(escape(id))" + query(teamID), operation: "getDeployment")
        try expect(response, 200)
        return try response.decode(VercelDeployment.self)
    }

    /// Cancels a deployment that is queued or building (`PATCH /v12/deployments/{id}/cancel`).
    /// - Returns: `true` when Vercel canceled it; `false` when there was nothing to cancel (it had finished, or is gone).
    public func cancelDeployment(_ id: String, teamID: String?) async throws -> Bool {
        let response = try await transport.send(.PATCH, "/v12/deployments/\(escape(id))/cancel" + query(teamID), operation: "cancelDeployment")
        switch response.status {
        case 200: return true
        case 400, 404: return false
        default: throw unexpected(response)
        }
    }

    /// The project's production deployments whose metadata include `meta`, newest first.
    public func productionDeployments(projectID: String, meta: [String: String], teamID: String?) async throws -> [VercelDeployment] {
        struct Reply: Decodable { var deployments: [VercelDeployment] }
        var parameters = ["projectId": projectID, "target": "production", "limit": "20"]
        for (key, value) in meta { parameters["meta-\(key)"] = value }
        let response = try await transport.send(.GET, "/v6/deployments" + query(teamID, parameters), operation: "getDeployments")
        try expect(response, 200)
        return try response.decode(Reply.self).deployments
    }

    /// What adding a domain answered.
    public enum AddDomainResult: Sendable {
        /// The domain is on the project now.
        case added(VercelProjectDomain)
        /// The domain is on the project already.
        case alreadyOnProject
        /// Another project or account has the domain (Vercel's message).
        case inUseElsewhere(String)
        /// Vercel refused the domain (Vercel's code and message).
        case refused(code: String, message: String)
    }

    /// Adds `domain` to the project.
    public func addDomain(_ domain: String, projectID: String, teamID: String?) async throws -> AddDomainResult {
        struct Body: Encodable, Sendable { var name: String }
        let response = try await transport.send(.POST, "/v10/projects/\(escape(projectID))/domains" + query(teamID), operation: "addProjectDomain",
                                                 body: Body(name: domain))
        let code = ProviderErrorBody.code(in: response) ?? "http_\(response.status)"
        let message = ProviderErrorBody.message(in: response)
        switch response.status {
        case 200: return .added(try response.decode(VercelProjectDomain.self))
        case 409: return .inUseElsewhere(message)
        case 400 where code == "domain_already_exists" || message.localizedCaseInsensitiveContains("already"):
            return .alreadyOnProject
        case 400, 403: return .refused(code: code, message: message)
        default: throw unexpected(response)
        }
    }

    /// The domain as the project has it, or `nil` when it is not on the project.
    public func projectDomain(_ domain: String, projectID: String, teamID: String?) async throws -> VercelProjectDomain? {
        let response = try await transport.send(.GET, "/v9/projects/\(escape(projectID))/domains/\(escape(domain))" + query(teamID), operation: "getProjectDomain")
        if response.status == 404 { return nil }
        try expect(response, 200)
        return try response.decode(VercelProjectDomain.self)
    }

    /// Asks Vercel to check the domain's TXT verification. Returns the domain when verified, `nil` when not yet.
    public func verifyDomain(_ domain: String, projectID: String, teamID: String?) async throws -> VercelProjectDomain? {
        let response = try await transport.send(.POST, "/v9/projects/\(escape(projectID))/domains/\(escape(domain))/verify" + query(teamID), operation: "verifyProjectDomain")
        if response.status == 400 { return nil }
        try expect(response, 200)
        return try response.decode(VercelProjectDomain.self)
    }

    /// The DNS configuration Vercel recommends for the domain, and whether it is in place.
    public func domainConfig(_ domain: String, projectID: String, teamID: String?) async throws -> VercelDomainConfig {
        let response = try await transport.send(.GET, "/v6/domains/\(escape(domain))/config" + query(teamID, ["projectIdOrName": projectID]), operation: "getDomainConfig")
        try expect(response, 200)
        return try response.decode(VercelDomainConfig.self)
    }

    /// The token's user's username (`GET /v2/user`).
    public func username() async throws -> String {
        struct Answer: Decodable {
            struct User: Decodable { var username: String }
            var user: User
        }
        let response = try await transport.send(.GET, "/v2/user", operation: "getAuthUser")
        try expect(response, 200)
        return try response.decode(Answer.self).user.username
    }

    /// The teams the token's user belongs to (`GET /v2/teams`).
    public func teams() async throws -> [VercelTeam] {
        struct Answer: Decodable { var teams: [VercelTeam] }
        let response = try await transport.send(.GET, "/v2/teams?limit=100", operation: "getTeams")
        try expect(response, 200)
        return try response.decode(Answer.self).teams
    }

    private func query(_ teamID: String?, _ parameters: [String: String] = [:]) -> String {
        var all = parameters
        if let teamID { all["teamId"] = teamID }
        guard !all.isEmpty else { return "" }
        var components = URLComponents()
        components.queryItems = all.keys.sorted().map { URLQueryItem(name: $0, value: all[$0]) }
        return "?" + (components.percentEncodedQuery ?? "")
    }

    private func expect(_ response: ProviderResponse, _ status: Int) throws {
        guard response.status == status else { throw unexpected(response) }
    }

    private func unexpected(_ response: ProviderResponse) -> ProviderError {
        .unexpected(provider: .vercel, status: response.status, code: ProviderErrorBody.code(in: response), message: ProviderErrorBody.message(in: response))
    }
}
