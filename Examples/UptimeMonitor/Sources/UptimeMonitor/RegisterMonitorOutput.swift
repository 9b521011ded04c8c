public import BatonCore

/// What `register-monitor` outputs, shared by the action and whoever reads its outputs (a client, a later action).
/// Public: shown to clients and kept in plain text with the workflow.
public struct RegisterMonitorOutput: ActionOutput {
    public static let actionID = MonitoredDeployment.registerMonitor

    /// The monitor's id at the uptime monitor.
    public var monitorID: String
    /// The URL it watches: the deployment's production URL.
    public var url: String

    public init(monitorID: String, url: String) {
        self.monitorID = monitorID
        self.url = url
    }

    enum CodingKeys: String, CodingKey {
        case monitorID = "monitorId"
        case url
    }
}
