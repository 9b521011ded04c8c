import Foundation

/// Where a deployment is in its life at a given instant.
struct VercelDeploymentPhase: Sendable, Equatable {
    /// `QUEUED`, `INITIALIZING`, `BUILDING`, `READY`, `ERROR` or `CANCELED` (also reported as `status`).
    let readyState: String
    /// Whether the alias has been assigned (shortly after `READY`).
    let aliasAssigned: Bool
    /// Whether `aliasError` is reported: the deployment is `READY` and its alias will never be assigned.
    var aliasFailed = false
}

extension VercelDeployment {
    /// Tenths of the build time spent queued.
    static let queuedTenths = 1
    /// Tenths of the build time after which building starts (`INITIALIZING` lasts until then).
    static let buildingTenths = 3
    /// Tenths of the build time after which the deployment is `READY` (or `ERROR`).
    static let readyTenths = 10
    /// Tenths of the build time after which the alias is assigned, just after `READY`.
    static let aliasTenths = 11

    /// The phase at `now`: `QUEUED` → `INITIALIZING` → `BUILDING` → `READY` (or `ERROR`), then the alias; `CANCELED`
    /// from when it was canceled. With an ``aliasFailure`` the alias never comes and `READY` reports `aliasError`.
    func phase(at now: Date) -> VercelDeploymentPhase {
        if let canceledAt, canceledAt <= now {
            return VercelDeploymentPhase(readyState: "CANCELED", aliasAssigned: false)
        }
        let elapsed = now.timeIntervalSince(createdAt)
        let state: String
        if elapsed < offset(Self.queuedTenths) {
            state = "QUEUED"
        } else if elapsed < offset(Self.buildingTenths) {
            state = "INITIALIZING"
        } else if elapsed < offset(Self.readyTenths) {
            state = "BUILDING"
        } else {
            state = failsBuild ? "ERROR" : "READY"
        }
        let aliased = !failsBuild && aliasFailure == nil && elapsed >= offset(Self.aliasTenths)
        return VercelDeploymentPhase(
            readyState: state, aliasAssigned: aliased, aliasFailed: state == "READY" && aliasFailure != nil)
    }

    /// The phase reported by the creation response.
    static let creationPhase = VercelDeploymentPhase(readyState: "QUEUED", aliasAssigned: false)

    /// Seconds from creation to `tenths` tenths of the build time (computed as `× tenths / 10`, so whole seconds
    /// stay exact).
    func offset(_ tenths: Int) -> TimeInterval {
        buildSeconds * Double(tenths) / 10
    }

    /// The instant `tenths` tenths of the build time after creation.
    func instant(_ tenths: Int) -> Date {
        createdAt.addingTimeInterval(offset(tenths))
    }
}
