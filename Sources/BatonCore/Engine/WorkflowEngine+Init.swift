import Foundation
import Logging

extension WorkflowEngine {
    /// Takes one of `principal`'s `init` slots under ``Configuration/initPace`` (kept with the store, so every instance
    /// counts them together).
    /// - Throws: 429 `rate_limited` with the seconds until the next slot; nothing is stored.
    func admit(_ principal: Principal) async throws {
        guard let pace = configuration.initPace else { return }
        let now = clock.now()
        guard let next = try await pacer.reserve("init:" + principal.id, pace: pace, at: now) else { return }
        let seconds = max(1, Int(next.timeIntervalSince(now).rounded(.up)))
        throw APIError(
            .rateLimited,
            "\(principal.id) may start at most \(pace) workflows (this server's --init-pace); try again in \(seconds) s.",
            retryAfterSeconds: seconds
        )
    }

    /// Refuses a new workflow when `principal` has ``Configuration/maxOpenWorkflows`` open ones already.
    /// - Throws: 429 `too_many_open_workflows`, saying how to close one; nothing is stored and no `init` slot is taken.
    func checkOpenWorkflows(of principal: Principal) async throws {
        guard let limit = configuration.maxOpenWorkflows else { return }
        let open = try await store.openWorkflowCount(principal: principal.id, createdSince: oldestLiveCreation(now: clock.now()))
        guard open >= limit else { return }
        throw APIError(
            .tooManyOpenWorkflows,
            "\(principal.id) has \(open) open workflows, this server's limit (--max-open-workflows \(limit)); cancel one you no longer need (baton cancel ID), or let one finish.",
            retryAfterSeconds: Self.openWorkflowsRetryAfterSeconds
        )
    }

    /// What `Retry-After` says when a principal has too many open workflows: a workflow closes when it finishes or is
    /// canceled, which no one can predict, so a minute.
    static let openWorkflowsRetryAfterSeconds = 60

    /// Plans and stores a new workflow for `principal` (already checked against its allowed owners and teams, and
    /// admitted), sealing its env values and, when it deploys into the user's own accounts, their tokens (stored
    /// first, so a workflow marked as using them never lacks them).
    func initialize(_ request: InitRequest, principal: Principal, accounts: WorkflowAccounts? = nil) async throws -> InitResponse {
        let plan = PlanResolver.resolveWorkflowActions(
            config: request.config, envVars: request.envVars, catalog: catalog, definition: definition
        )
        let workflowID = SecretIdentifiers.newWorkflowID()
        let token = SecretIdentifiers.newToken()
        let now = clock.now()
        var sealedEnv: [String: Data] = [:]
        for (appID, values) in request.envVars where !values.isEmpty {
            sealedEnv[appID] = try sealer.seal(values, workflowID: workflowID, appID: appID)
        }
        let apps = plan.map { app in
            AppRecord(id: app.id, name: app.name, actions: app.actions.map { ActionRecord(planned: $0, at: now) })
        }
        if let accounts, let accountVault {
            try await accountVault.storeAccounts(accounts, workflowID: workflowID, principal: principal.id, createdAt: now)
        }
        let record = WorkflowRecord(
            id: workflowID, tokenHash: SecretIdentifiers.tokenHash(token), principal: principal.id,
            ownAccounts: accounts == nil ? nil : true, definitionVersion: definitionVersion,
            config: request.config, apps: apps, sealedEnv: sealedEnv, createdAt: now
        )
        try await store.insert(record)
        logger.info("workflow created", metadata: [
            "workflow": "\(workflowID)", "principal": "\(principal.id)", "apps": "\(request.config.apps.joined(separator: ","))",
            "accounts": "\(accounts == nil ? "server" : "own")",
        ])
        await deleteExpiredWorkflowsIfDue(now: now)
        return InitResponse(workflowID: workflowID, token: token, definitionVersion: definitionVersion, apps: plan)
    }

    /// The stored workflow — all of it, or (with `app`) its own fields and that one app — when `token` authorizes it.
    /// - Parameters:
    ///   - app: read only this app (what one action's step needs: its cost does not grow with the workflow).
    ///   - includeHistory: read the history too (whole-workflow reads only).
    /// - Throws: `workflow_not_found` for an unknown id (whatever the token), `unauthorized` for a missing or wrong token.
    func authorizedRecord(
        _ workflowID: String, app: String? = nil, includeHistory: Bool = false, token: String?
    ) async throws -> WorkflowRecord {
        let found = if let app {
            try await store.fetch(id: workflowID, app: app)
        } else {
            try await store.fetch(id: workflowID, includeHistory: includeHistory)
        }
        guard let record = found, !isExpired(record, now: clock.now()) else {
            throw APIError(.workflowNotFound, "No workflow has the id '\(workflowID)'.",
                           details: [FieldIssue(path: "workflowId", message: "is not a known workflow")])
        }
        guard let token else {
            throw APIError(.unauthorized, "This request needs the header 'Authorization: Bearer <token>' with the token init returned.")
        }
        if SecretIdentifiers.tokenMatches(token, expectedHash: record.tokenHash) { return record }
        // Not the workflow's token: the credential of the principal that started it also reaches it.
        if !token.hasPrefix(SecretIdentifiers.workflowTokenPrefix), let owner = record.principal {
            let principal = try await authenticator.principal(credential: token, clientAddress: nil)
            if principal.provesIdentity {
                guard principal.id == owner else {
                    throw APIError(.unauthorized, "This credential (\(principal.id)) did not start this workflow.")
                }
                return record
            }
        }
        throw APIError(.unauthorized, "The bearer token does not match this workflow.")
    }

    /// Whether the workflow outlived the TTL (and is answered as not found until a sweep deletes it).
    func isExpired(_ record: WorkflowRecord, now: Date) -> Bool {
        record.createdAt < oldestLiveCreation(now: now)
    }

    /// The creation time of the oldest workflow not expired at `now`.
    func oldestLiveCreation(now: Date) -> Date {
        now.addingTimeInterval(-configuration.workflowTTL.seconds)
    }

    /// Deletes expired workflows, at most once per sweep interval per instance: a bounded piece of work
    /// amortized over `init` requests, instead of a background timer.
    func deleteExpiredWorkflowsIfDue(now: Date) async {
        guard expirySweep.claim(now: now) else { return }
        do {
            let deleted = try await store.deleteWorkflows(createdBefore: oldestLiveCreation(now: now))
            if deleted > 0 { logger.info("expired workflows deleted", metadata: ["count": "\(deleted)"]) }
            if let accountVault {
                let erased = try await accountVault.deleteExpired(
                    workflowsCreatedBefore: oldestLiveCreation(now: now),
                    connectionsUnusedSince: now.addingTimeInterval(-AccountConnection.lifetime)
                )
                if erased > 0 { logger.info("expired account tokens erased", metadata: ["count": "\(erased)"]) }
            }
        } catch {
            logger.warning("deleting expired workflows failed", metadata: ["error": "\(String(reflecting: error))"])
        }
    }
}
