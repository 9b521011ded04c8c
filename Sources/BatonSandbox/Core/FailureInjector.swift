/// A failure answered instead of serving a provider request.
enum InjectedFailure: Sendable, Equatable {
    /// 429 with `Retry-After: 1`.
    case rateLimited
    /// 502.
    case badGateway
    /// 503.
    case serviceUnavailable

    /// The HTTP status of the failure.
    var status: Int {
        switch self {
        case .rateLimited: 429
        case .badGateway: 502
        case .serviceUnavailable: 503
        }
    }
}

/// Decides, from a seeded sequence, which provider requests fail and how.
struct FailureInjector: Sendable {
    private var generator: SeededGenerator

    /// Creates an injector whose decisions are fixed by `seed`.
    init(seed: UInt64) {
        generator = SeededGenerator(seed: seed)
    }

    /// The failure for the next request, or nil to serve it; draws nothing when `rate` is zero.
    mutating func nextFailure(rate: Double) -> InjectedFailure? {
        guard rate > 0 else { return nil }
        guard generator.nextUnitInterval() < rate else { return nil }
        switch generator.next() % 3 {
        case 0: return .rateLimited
        case 1: return .badGateway
        default: return .serviceUnavailable
        }
    }
}
