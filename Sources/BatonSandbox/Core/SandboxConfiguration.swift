/// The knobs of a ``ProviderSandbox``: how slow, how eventual and how unreliable the imitated providers are.
///
/// The same names are accepted by `POST /sandbox/faults`, which changes them at run time.
public struct SandboxConfiguration: Sendable, Equatable {
    /// Milliseconds added to every provider response.
    public var latencyMs: Int
    /// Seconds a new fork or generated repository stays empty (branches 404, commits 409) after creation.
    public var forkSeconds: Double
    /// Seconds a deployment takes from `QUEUED` to `READY`; the alias is assigned a tenth of this later.
    public var buildSeconds: Double
    /// Share (0…1) of provider requests answered with a 502, a 503 or a 429 instead of being served.
    public var failureRate: Double
    /// Seed of the generator that decides which requests fail, so a run's failures are reproducible.
    public var seed: UInt64
    /// Milliseconds a provider answer is held back *after* its effect was applied, imitating a provider that did the
    /// work but answered slowly (or whose answer was lost): the caller may time out or die before it learns the result.
    public var responseDelayMs: Int
    /// GitHub's content-creation limit, in force from the start (and again after `POST /sandbox/faults {}`): forks
    /// and generates beyond `perMinute` in 60 s or `perHour` in 3600 s get the secondary-limit 403; `nil` for none.
    /// GitHub documents 80 and 500 (providers.md §6.1).
    public var contentCreationLimit: (perMinute: Int, perHour: Int)?

    public static func == (lhs: SandboxConfiguration, rhs: SandboxConfiguration) -> Bool {
        lhs.latencyMs == rhs.latencyMs && lhs.forkSeconds == rhs.forkSeconds && lhs.buildSeconds == rhs.buildSeconds
            && lhs.failureRate == rhs.failureRate && lhs.seed == rhs.seed && lhs.responseDelayMs == rhs.responseDelayMs
            && lhs.contentCreationLimit?.perMinute == rhs.contentCreationLimit?.perMinute
            && lhs.contentCreationLimit?.perHour == rhs.contentCreationLimit?.perHour
    }

    /// Creates a configuration; every knob defaults to its start-up value.
    public init(
        latencyMs: Int = 0,
        forkSeconds: Double = 2,
        buildSeconds: Double = 3,
        failureRate: Double = 0,
        seed: UInt64 = 1,
        responseDelayMs: Int = 0,
        contentCreationLimit: (perMinute: Int, perHour: Int)? = nil
    ) {
        self.latencyMs = latencyMs
        self.forkSeconds = forkSeconds
        self.buildSeconds = buildSeconds
        self.failureRate = failureRate
        self.seed = seed
        self.responseDelayMs = responseDelayMs
        self.contentCreationLimit = contentCreationLimit
    }
}
