import AsyncHTTPClient
import BatonTestSupport
import Foundation
import Testing

/// Real processes: `baton sandbox` and `baton serve --store sqlite:…`, the latter killed with SIGKILL at random
/// moments and exactly between a provider's create call and the store write that would record it, then started
/// again on the same file and port. Every workflow must still finish, with nothing created twice.
@Suite("Crash trials: baton serve on SQLite, killed with SIGKILL", .serialized)
struct CrashTrialTests {
    /// Trials run this many at a time (each has its own sandbox, database and ports).
    static let concurrency = 2

    @Test("Workflows finish with exactly one of each resource through random and precise kills")
    func killedServersConverge() async throws {
        let seed = ProcessInfo.processInfo.environment["BATON_CRASH_SEED"].flatMap { UInt64($0) }
            ?? UInt64.random(in: 1...UInt64(UInt32.max))
        print("crash trials: seed \(seed) (BATON_CRASH_SEED=\(seed) replays this plan)")
        let plans = TrialPlan.plans(seed: seed)
        #expect(plans.count >= 20)

        let http = ProcessEnvironment.makeHTTPClient()
        let started = ContinuousClock.now
        let outcomes = await withTaskGroup(of: TrialOutcome?.self) { group in
            var next = 0
            while next < min(Self.concurrency, plans.count) {
                let plan = plans[next]
                group.addTask { await Self.run(plan, http: http) }
                next += 1
            }
            var outcomes: [TrialOutcome] = []
            while let outcome = await group.next() {
                if let outcome { outcomes.append(outcome) }
                if next < plans.count {
                    let plan = plans[next]
                    group.addTask { await Self.run(plan, http: http) }
                    next += 1
                }
            }
            return outcomes
        }
        try await http.shutdown()
        print("crash trials: \(outcomes.count) of \(plans.count) trials in \(ContinuousClock.now - started), seed \(seed)")

        #expect(outcomes.count == plans.count, "every trial ran to its checks (seed \(seed))")
        var preciseKills = 0
        for outcome in outcomes {
            switch outcome.plan.kind {
            case .random:
                #expect(outcome.kills >= 1, "\(outcome.plan) killed nothing: the workflow ended first")
            case .betweenCallAndRecord:
                #expect(outcome.kills == 1, "\(outcome.plan): the create call was never caught")
                // The precision is an upper bound that includes the sandbox poll's own time, which grows under
                // load; a kill that cannot be proven early still must leave nothing created twice (checked above).
                let precision = try #require(outcome.precisionMs, "\(outcome.plan)")
                if outcome.kills == 1, precision < CrashTrial.responseDelayMs { preciseKills += 1 }
            }
        }
        print("crash trials: \(preciseKills) kills proven to fall between a provider call and its answer")
        #expect(preciseKills >= 5, "kills between a provider call and its store write")
        #expect(outcomes.map(\.retries).reduce(0, +) > 0, "the client really met a dead server")
    }

    /// Runs one trial; a failure is recorded as an issue and gives nil, so the other trials still run.
    private static func run(_ plan: TrialPlan, http: HTTPClient) async -> TrialOutcome? {
        do {
            let outcome = try await CrashTrial(plan: plan, http: http).run()
            print("crash trials: \(outcome.summary)")
            return outcome
        } catch {
            Issue.record("\(error)")
            return nil
        }
    }
}
