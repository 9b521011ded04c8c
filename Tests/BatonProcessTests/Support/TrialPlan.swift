@testable import BatonSandbox

/// One crash trial: a fresh sandbox, a fresh SQLite file, one workflow, and when to kill `baton serve`.
struct TrialPlan: Sendable, CustomStringConvertible {
    /// A provider create call that one action makes, and the action that makes it.
    struct CreateCall: Sendable {
        var route: String
        var app: String
        var action: String
    }

    enum Kind: Sendable {
        /// Kill after each delay (counted from the workflow's start or the last restart), then restart after
        /// the matching pause.
        case random(killAfterMs: [Int], restartAfterMs: [Int])
        /// Kill right after the sandbox applied `call` but before its (held back) answer reached Baton.
        case betweenCallAndRecord(CreateCall, restartAfterMs: Int)
    }

    let number: Int
    let kind: Kind

    var description: String {
        switch kind {
        case .random(let kills, _):
            return "trial \(number) (random kills after \(kills.map { "\($0) ms" }.joined(separator: ", ")))"
        case .betweenCallAndRecord(let call, _):
            return "trial \(number) (kill inside \(call.app)/\(call.action): \(call.route))"
        }
    }

    /// Every create route the deployment workflow uses, with an action that calls it.
    static let createCalls: [CreateCall] = [
        CreateCall(route: "POST /repos/{owner}/{repo}/forks", app: "app-a", action: "fork-repository"),
        CreateCall(route: "POST /repos/{template_owner}/{template_repo}/generate", app: "app-c", action: "fork-repository"),
        CreateCall(route: "POST /v11/projects", app: "app-b", action: "create-project"),
        CreateCall(route: "POST /v10/projects/{idOrName}/env", app: "app-a", action: "configure-env"),
        CreateCall(route: "POST /v13/deployments", app: "app-b", action: "deploy"),
        CreateCall(route: "POST /v10/projects/{idOrName}/domains", app: "app-c", action: "assign-domain"),
        CreateCall(route: "POST /v11/projects", app: "app-a", action: "create-project"),
        CreateCall(route: "POST /v13/deployments", app: "app-c", action: "deploy"),
    ]

    /// The plans of a run: one precise trial per entry of ``createCalls``, then `randomTrials` trials with one to
    /// three kills, each 50 ms to 1.5 s after the workflow started or the server came back (a workflow takes ~2 s).
    static func plans(seed: UInt64, randomTrials: Int = 14) -> [TrialPlan] {
        var random = SeededGenerator(seed: seed)
        var plans: [TrialPlan] = []
        for call in createCalls {
            plans.append(TrialPlan(
                number: plans.count + 1,
                kind: .betweenCallAndRecord(call, restartAfterMs: Int.random(in: 0...300, using: &random))))
        }
        for _ in 0..<randomTrials {
            let kills = Int.random(in: 1...3, using: &random)
            plans.append(TrialPlan(
                number: plans.count + 1,
                kind: .random(
                    killAfterMs: (0..<kills).map { _ in Int.random(in: 50...1_500, using: &random) },
                    restartAfterMs: (0..<kills).map { _ in Int.random(in: 0...300, using: &random) })))
        }
        return plans
    }
}
