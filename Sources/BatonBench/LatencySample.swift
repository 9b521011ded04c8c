import BatonCore

/// Round-trip times and their percentiles, in microseconds.
struct LatencySample: Sendable {
    private(set) var microseconds: [Double] = []

    mutating func add(_ duration: Duration) {
        microseconds.append(duration.microseconds)
    }

    /// The value below which `fraction` of the samples fall (nearest rank).
    func percentile(_ fraction: Double) -> Double {
        guard !microseconds.isEmpty else { return 0 }
        let sorted = microseconds.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    var count: Int { microseconds.count }
}

extension Duration {
    /// The duration in microseconds.
    var microseconds: Double { milliseconds * 1000 }
}
