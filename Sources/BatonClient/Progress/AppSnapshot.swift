import BatonCore

/// One app of a deployment, as a progress view shows it.
public struct AppSnapshot: Sendable, Hashable, Identifiable {
    /// The app's id, such as `app-a`.
    public var id: String
    /// Its display name.
    public var name: String
    /// Its actions, in the order they run.
    public var actions: [ActionSnapshot]

    /// Creates an app's progress.
    public init(id: String, name: String, actions: [ActionSnapshot]) {
        self.id = id
        self.name = name
        self.actions = actions
    }

    /// The app's state, summarized from its actions: failed or canceled if any is, succeeded when all are, running
    /// once any has started, else pending.
    public var state: ActionState { actions.map(\.state).summarized() }

    /// The first action not yet succeeded (running, failed, or next to start); `nil` once all succeeded.
    public var currentActionIndex: Int? {
        actions.firstIndex { $0.state != .succeeded }
    }

    /// The production URL, once the deploy action succeeded.
    public var deploymentURL: String? {
        action(WorkflowDefinition.ActionID.deploy)?.outputs["url"]?.stringValue
    }

    /// The DNS records to create, once `present-dns` succeeded.
    public var dnsRecords: [DNSRecordToCreate] {
        guard let outputs = action(WorkflowDefinition.ActionID.presentDNS)?.outputs else { return [] }
        let domain = outputs["domain"]?.stringValue ?? ""
        return (outputs["records"]?.arrayValue ?? []).compactMap { DNSRecordToCreate(json: $0, domain: domain) }
    }

    /// The action with id `id`.
    public func action(_ id: String) -> ActionSnapshot? {
        actions.first { $0.id == id }
    }
}

/// A DNS record the user must create for an app's domain, from the `present-dns` action's outputs.
public struct DNSRecordToCreate: Sendable, Hashable {
    /// The domain it serves, such as `app-a.example.com`.
    public var domain: String
    /// `A`, `CNAME` or `TXT`.
    public var type: String
    /// The record's name relative to the apex (`@` for the apex).
    public var name: String
    /// The record's value.
    public var value: String

    /// Creates a record.
    public init(domain: String, type: String, name: String, value: String) {
        self.domain = domain
        self.type = type
        self.name = name
        self.value = value
    }

    init?(json: JSONValue, domain: String) {
        guard let object = json.objectValue, let type = object["type"]?.stringValue, let name = object["name"]?.stringValue,
              let value = object["value"]?.stringValue
        else { return nil }
        self.init(domain: domain, type: type, name: name, value: value)
    }
}
