public import BatonCore
public import BatonProviders

/// The host's workflow: Baton's deployment, then `register-monitor` once `deploy` succeeded.
public enum MonitoredDeployment {
    /// The id of the host's own action.
    public static let registerMonitor = "register-monitor"

    /// Baton's built-in deployment with `register-monitor` after `deploy`.
    public static let definition = WorkflowDefinition.deployment.appending(
        [ActionDefinition(id: registerMonitor, title: "Watch the deployment", dependsOn: [WorkflowDefinition.ActionID.deploy])],
        name: "monitored-deployment"
    )

    /// The implementations of every action of ``definition``: Baton's GitHub and Vercel actions, and the host's own.
    public static func actions(providers: ProviderClients, monitor: UptimeMonitorClient) -> ActionRegistry {
        .providers(providers).adding([registerMonitor: RegisterMonitorAction(monitor: monitor)])
    }
}
