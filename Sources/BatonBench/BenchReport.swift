import Foundation

/// Every figure of one benchmark run, with the ratios to the same-run control.
struct BenchReport: Codable, Sendable {
    var store: String
    /// Whether Baton counted its metrics during the run.
    var metrics: Bool
    var actions: Int
    var concurrency: Int
    var actionOverheadP50Us: Double
    var actionOverheadP99Us: Double
    var controlRoundTripP50Us: Double
    var controlRoundTripP99Us: Double
    /// The per-action overhead's p50 as a multiple of the control's p50.
    var actionToControlRatio: Double
    var statusPerSecond: Double
    var controlPerSecond: Double
    var statusToControlRatio: Double

    init(store: String, metrics: Bool, actions: Int, concurrency: Int,
         overhead: (baton: LatencySample, control: LatencySample), throughput: (baton: Double, control: Double)) {
        self.store = store
        self.metrics = metrics
        self.actions = actions
        self.concurrency = concurrency
        actionOverheadP50Us = overhead.baton.percentile(0.5).rounded()
        actionOverheadP99Us = overhead.baton.percentile(0.99).rounded()
        controlRoundTripP50Us = overhead.control.percentile(0.5).rounded()
        controlRoundTripP99Us = overhead.control.percentile(0.99).rounded()
        actionToControlRatio = controlRoundTripP50Us > 0 ? (actionOverheadP50Us / controlRoundTripP50Us * 100).rounded() / 100 : 0
        statusPerSecond = throughput.baton.rounded()
        controlPerSecond = throughput.control.rounded()
        statusToControlRatio = throughput.control > 0 ? (throughput.baton / throughput.control * 1000).rounded() / 1000 : 0
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The figures for people, each next to its target when the store has one.
    func table(targets: BenchTargets?) -> String {
        """
        Baton benchmark (store: \(store), metrics \(metrics ? "on" : "off"))
          per-action overhead, trigger → succeeded (\(actions) actions)
            baton    p50 \(format(actionOverheadP50Us)) µs   p99 \(format(actionOverheadP99Us)) µs\(targets.map { "   (target p50 ≤ \($0.actionOverheadP50Us) µs)" } ?? "")
            control  p50 \(format(controlRoundTripP50Us)) µs   p99 \(format(controlRoundTripP99Us)) µs   (bare JSON echo round trip, after each action)
            ratio    \(String(format: "%.2f", actionToControlRatio))×\(targets?.actionToControlRatio.map { "   (target ≤ \(String(format: "%.1f", $0))×)" } ?? "")
          throughput, \(concurrency) in flight
            status   \(format(statusPerSecond)) req/s
            control  \(format(controlPerSecond)) req/s
            ratio    \(String(format: "%.3f", statusToControlRatio))\(targets.map { "   (target ≥ \(String(format: "%.2f", $0.statusToControlRatio)))" } ?? "")
        """
    }

    private func format(_ value: Double) -> String {
        String(format: "%8.0f", value)
    }
}
