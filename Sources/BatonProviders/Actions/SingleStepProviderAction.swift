/// The one state of a ``SingleStepProviderAction``: every attempt begins, and every retry starts, here.
enum SingleStep: Codable, Sendable {
    case begin
}

/// A provider action whose work converges from one state (create or adopt, upsert, assign): each step reads what the
/// provider has and makes at most one call, and a retry simply begins again.
protocol SingleStepProviderAction: ProviderStepAction where State == SingleStep {}

extension SingleStepProviderAction {
    var initialState: SingleStep { .begin }
}
