/// An institution's early-warning thresholds (SPEC §1.5): when a caseload flags a learner.
public struct EarlyWarningThresholds: Sendable, Hashable {
    /// The range every threshold must lie in, in days.
    public static let allowedDays = 1...365

    /// No evidence for this many days or more flags the learner as quiet.
    public let quietDays: Int
    /// Evidence waiting this many days or more for review flags the review as overdue.
    public let reviewWaitDays: Int
    /// The pacing window of goal assessments (``Pacing``), in days.
    public let pacingWindowDays: Int

    /// The defaults when an institution has set none: 14, 7 and 28 days.
    public static let defaults = EarlyWarningThresholds(
        quietDays: EarlyWarning.defaultQuietDays, reviewWaitDays: 7, pacingWindowDays: Pacing.defaultWindowDays)

    /// Makes thresholds (the API keeps each within ``allowedDays``).
    public init(quietDays: Int, reviewWaitDays: Int, pacingWindowDays: Int) {
        self.quietDays = quietDays
        self.reviewWaitDays = reviewWaitDays
        self.pacingWindowDays = pacingWindowDays
    }
}
