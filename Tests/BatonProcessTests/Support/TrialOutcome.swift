import Foundation

/// What one crash trial did.
struct TrialOutcome: Sendable {
    var plan: TrialPlan
    var kills = 0
    var retries = 0
    var requests = 0
    var seconds = 0.0
    /// For a precise kill: milliseconds from the last sandbox check that had not yet seen the call to the
    /// moment the killed process was reaped; under the response delay, Baton cannot have had the answer.
    var precisionMs: Int?

    var summary: String {
        let precision = precisionMs.map { ", killed \($0) ms after the call at most" } ?? ""
        return "\(plan): \(kills) kill(s)\(precision), \(requests) requests, \(retries) resent, \(String(format: "%.1f", seconds)) s"
    }
}
