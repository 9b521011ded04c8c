import BatonCore
import Testing

@Suite("Duration in seconds and milliseconds")
struct DurationConversionTests {
    @Test("whole, sub-second and negative durations")
    func conversions() {
        #expect(Duration.seconds(3).seconds == 3)
        #expect(Duration.milliseconds(1500).seconds == 1.5)
        #expect(Duration.milliseconds(1500).milliseconds == 1500)
        #expect(Duration.microseconds(250).milliseconds == 0.25)
        #expect(Duration.nanoseconds(1).seconds == 1e-9)
        #expect(Duration.milliseconds(-250).seconds == -0.25)
        #expect(Duration.milliseconds(-1500).milliseconds == -1500)
        #expect(Duration.zero.milliseconds == 0)
    }
}
