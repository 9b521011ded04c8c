public import Foundation

extension Duration {
    /// The duration in seconds, fractions included: `.milliseconds(1500)` is `1.5`, `.milliseconds(-250)` is `-0.25`.
    /// The one conversion of a `Duration` to a number in Baton; `Duration.seconds(_:)` goes the other way.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// The duration in milliseconds, fractions included: `.microseconds(1500)` is `1.5`.
    public var milliseconds: Double {
        seconds * 1000
    }

    /// The duration in seconds.
    @available(*, deprecated, renamed: "seconds")
    public var timeInterval: TimeInterval { seconds }
}
