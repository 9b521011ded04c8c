import AsyncHTTPClient
import BatonProviders
import BatonSandbox
import BatonTestSupport
import Foundation
import Testing

/// The real GitHub client against the sandbox: every call Baton makes, and its failures.
@Suite("GitHub client contract")
struct GitHubClientContractTests {
    @Test func readsTheUserAndRepositories() async throws {
        try await SandboxedServers.run { servers in
            let github = servers.providers.github
            #expect(try await github.authenticatedLogin() == "baton-sandbox-user")
            let template = try #require(try await github.repository(owner: "baton-templates", name: "app-a"))
            #expect(template.fullName == "baton-templates/app-a" && template.defaultBranch == "main" && !template.fork)
            #expect(try await github.repository(owner: "baton-templates", name: "missing") == nil)
        }
    }

    @Test func forksConvergeAndBecomeReady() async throws {
        let clock = ManualSandboxClock()
        try await SandboxedServers.run(sandbox: SandboxConfiguration(forkSeconds: 2), clock: clock) { servers in
            let github = servers.providers.github
            let fork = try #require(try await github.fork(owner: "baton-templates", name: "app-a", into: "acme"))
            #expect(fork.fullName == "acme/app-a" && fork.fork && fork.isCopy(of: "baton-templates/app-a"))
            #expect(try await github.branchState(owner: "acme", name: "app-a", branch: "main") == .empty)
            let again = try #require(try await github.fork(owner: "baton-templates", name: "app-a", into: "acme"))
            #expect(again.id == fork.id, "a second fork answers with the existing fork")
            clock.advance(by: 1.9)
            #expect(try await github.branchState(owner: "acme", name: "app-a", branch: "main") == .empty)
            clock.advance(by: 0.2)
            guard case .ready(let sha) = try await github.branchState(owner: "acme", name: "app-a", branch: "main") else {
                Issue.record("the fork should be ready after forkSeconds")
                return
            }
            #expect(!sha.isEmpty)
            #expect(try await github.fork(owner: "baton-templates", name: "missing", into: "acme") == nil)
            #expect(try await servers.sandboxState().createdRepositories.count == 1)
        }
    }

    @Test func aNameClashGetsASuffix() async throws {
        try await SandboxedServers.run { servers in
            let github = servers.providers.github
            guard case .created = try await github.generate(templateOwner: "baton-templates", templateName: "app-c", owner: "acme", name: "app-a") else {
                Issue.record("generate should create acme/app-a")
                return
            }
            let fork = try #require(try await github.fork(owner: "baton-templates", name: "app-a", into: "acme"))
            #expect(fork.fullName == "acme/app-a-1")
        }
    }

    @Test func generatesFromTemplatesAndReportsClashes() async throws {
        try await SandboxedServers.run { servers in
            let github = servers.providers.github
            guard case .created(let repository) = try await github.generate(templateOwner: "baton-templates", templateName: "app-c", owner: "acme", name: "app-c") else {
                Issue.record("generate should create acme/app-c")
                return
            }
            #expect(repository.fullName == "acme/app-c" && repository.isCopy(of: "baton-templates/app-c"))
            guard case .nameTaken = try await github.generate(templateOwner: "baton-templates", templateName: "app-c", owner: "acme", name: "app-c") else {
                Issue.record("a second generate should report the name as taken")
                return
            }
            guard case .templateNotFound = try await github.generate(templateOwner: "baton-templates", templateName: "nope", owner: "acme", name: "x") else {
                Issue.record("a missing template should be reported")
                return
            }
            let adopted = try #require(try await github.repository(owner: "acme", name: "app-c"))
            #expect(adopted.isCopy(of: "baton-templates/app-c"))
        }
    }

    @Test func badTokensAndRateLimitsAreClassified() async throws {
        try await SandboxedServers.run(githubToken: "invalid") { servers in
            await #expect(throws: ProviderError.badCredentials(provider: .github, message: "Bad credentials")) {
                _ = try await servers.providers.github.authenticatedLogin()
            }
        }
        try await SandboxedServers.run(sandbox: SandboxConfiguration(failureRate: 1)) { servers in
            do {
                _ = try await servers.providers.github.authenticatedLogin()
                Issue.record("every request should fail")
            } catch let error as ProviderError {
                guard case .transient(.github, _, _, _) = error else {
                    Issue.record("expected a transient error, got \(error)")
                    return
                }
            }
        }
    }
}
