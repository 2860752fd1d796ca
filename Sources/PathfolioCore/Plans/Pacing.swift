/// Whether a goal's pace reaches its due date — and the numbers that say so (SPEC §1.5).
///
/// **Formula.** The window is the last `windowDays` days up to `today`, but never starting
/// before the plan started: `windowStart = max(today − windowDays, planStart)`, of length
/// `w = max(1, today − windowStart)` days. `m` targets were reached inside it (reached on a day
/// `d` with `windowStart < d ≤ today`). The rate is `m / w` targets per day; with `L = due − today`
/// days left, the projection is `rate × L`, and the goal is **on track** when the projection
/// covers the `R` targets still to reach: `m · L ≥ R · w` (integers, so exact). It is **at risk**
/// when that fails, when the due date has passed with targets left, or when a milestone date has
/// passed with one of its competencies not reached.
public struct Pacing: Sendable, Hashable {
    /// The default window, four weeks.
    public static let defaultWindowDays = 28

    /// First day of the window (exclusive).
    public let windowStart: CalendarDate
    /// Last day of the window (today, inclusive).
    public let windowEnd: CalendarDate
    /// `w`: the window's length in days.
    public let windowDays: Int
    /// `m`: targets reached inside the window.
    public let reachedInWindow: Int
    /// `R`: targets not reached yet.
    public let remaining: Int
    /// `L`: days from today to the due date (negative when past).
    public let daysLeft: Int
    /// `m / w`, targets per day.
    public let rate: ExactRational
    /// `rate × L` (zero when the due date has passed).
    public let projected: ExactRational
    /// Milestone dates passed with a competency not reached.
    public let missedMilestones: [CalendarDate]
    /// The verdict: `onTrack` or `atRisk`.
    public let verdict: GoalStatus

    /// Judges the pace.
    /// - Parameters:
    ///   - reachedOn: for each target, the day it was reached, `nil` when not yet.
    ///   - milestones: the goal's milestones, judged against `reachedOn` by competency.
    public init(reachedOn: [CompetencyID: CalendarDate?], milestones: [Milestone], planStart: CalendarDate,
                dueDate: CalendarDate, today: CalendarDate, windowDays: Int = Pacing.defaultWindowDays) {
        let start = max(today.adding(days: -max(1, windowDays)), min(planStart, today))
        let w = max(1, today.daysSinceUnixEpoch - start.daysSinceUnixEpoch)
        let m = reachedOn.values.filter { day in day.map { $0 > start && $0 <= today } ?? false }.count
        let r = reachedOn.values.filter { $0 == nil }.count
        let left = dueDate.daysSinceUnixEpoch - today.daysSinceUnixEpoch
        windowStart = start
        windowEnd = today
        self.windowDays = w
        reachedInWindow = m
        remaining = r
        daysLeft = left
        rate = ExactRational(m, over: w)
        projected = left > 0 ? ExactRational(m * left, over: w) : .zero
        missedMilestones = milestones.filter { milestone in
            milestone.dueDate < today && milestone.competencies.contains { id in
                guard let reached = reachedOn[id] else { return false }
                return reached.map { $0 > milestone.dueDate } ?? true
            }
        }.map(\.dueDate)
        let onPace = r == 0 || (left >= 0 && m * left >= r * w)
        verdict = onPace && missedMilestones.isEmpty ? .onTrack : .atRisk
    }

    /// Lines a person reads.
    public var lines: [String] {
        ["window: \(windowStart) (exclusive) to \(windowEnd), \(windowDays) day(s)",
         "reached in window: \(reachedInWindow), rate \(rate) per day",
         "days left: \(daysLeft), projected \(projected) vs remaining \(remaining)"]
            + missedMilestones.map { "milestone \($0) missed" }
            + ["verdict: \(verdict.rawValue)"]
    }
}
