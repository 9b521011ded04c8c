import BatonCore
import BatonSandbox
import BatonTestSupport
import Foundation
import Testing

/// GitHub refuses content-creating requests beyond about 80 a minute and 500 an hour per user (providers.md §6.1). A
/// workflow of 200 apps forks through Baton's pace (60 a minute per token by default) with the sandbox enforcing
/// GitHub's real limit, on stepped clocks: no fork is refused, and the minutes spent queued for a slot are not counted
/// against fork-repository's attempt.
@Suite("GitHub content-creation pace")
struct ContentPacingTests {
    static let apps = (1...200).map { "app-\($0)" }

    static var catalog: Catalog {
        Catalog(apps: apps.map { app in
            AppSpec(id: app, name: app, template: "baton-templates/app-c", repository: .generate, framework: nil, env: [], subdomain: app)
        })
    }

    @Test func twoHundredForksMeetNoSecondaryLimitAndTheirQueueIsNotCountedAgainstTheAttempt() async throws {
        let sandboxClock = ManualSandboxClock()
        let clock = ManualClock()
        try await SandboxedServers.run(
            sandbox: SandboxConfiguration(forkSeconds: 0, buildSeconds: 1, contentCreationLimit: (perMinute: 80, perHour: 500)),
            clock: sandboxClock, actionTimeouts: ["fork-repository": .seconds(120)], engineClock: clock, catalog: Self.catalog
        ) { servers in
            let (_, workflow) = try await servers.client.initialize(apps: Self.apps, domain: nil, envVars: "{}")
            let begin = clock.now()
            var statuses = try await Self.each(Self.apps) { app in
                try await servers.client.trigger(workflow, app, "fork-repository").decode(ActionStatus.self)
            }
            let firstMinute = statuses.values.filter { $0.state == .succeeded }.count
            #expect(firstMinute == 60, "the pace's first minute: \(firstMinute)")
            let queued = try #require(statuses.values.first { $0.state == .running })
            #expect(queued.message.hasPrefix("Waiting for a slot under GitHub's content-creation limit (Baton paces forks at 60/m,450/h"))

            var rounds = 0
            while statuses.values.contains(where: { $0.state == .running }), rounds < 60 {
                rounds += 1
                clock.advance(by: 10)
                sandboxClock.advance(by: 10)
                let running = statuses.filter { $0.value.state == .running }.map(\.key)
                for (app, status) in try await Self.each(running, { app in
                    try await servers.client.status(workflow, app, "fork-repository").decode(ActionStatus.self)
                }) {
                    statuses[app] = status
                }
            }
            let failed = statuses.values.filter { $0.state != .succeeded }
            #expect(failed.isEmpty, "\(failed.prefix(3).map { "\($0.app): \($0.state) \($0.error?.code ?? "") \($0.message)" })")
            #expect(statuses.values.allSatisfy { $0.attempt == 1 })
            let waited = clock.now().timeIntervalSince(begin)
            #expect(waited >= 180, "200 forks at 60 a minute take three minutes and more (\(waited) s), past the 2-minute attempt")
            let state = try await servers.sandboxState()
            #expect(state.refusals?["contentCreationLimit"] == 0, "GitHub never answered with its secondary limit")
            #expect(state.calls("POST /repos/{template_owner}/{template_repo}/generate") == 200)
        }
    }

    /// Runs `body` for every item, 20 at a time; the results by item.
    static func each<Value: Sendable>(_ items: [String], _ body: @escaping @Sendable (String) async throws -> Value) async throws -> [String: Value] {
        try await withThrowingTaskGroup(of: (String, Value).self) { group in
            var results: [String: Value] = [:]
            for (number, item) in items.enumerated() {
                if number >= 20, let (done, value) = try await group.next() { results[done] = value }
                group.addTask { (item, try await body(item)) }
            }
            for try await (done, value) in group { results[done] = value }
            return results
        }
    }
}
