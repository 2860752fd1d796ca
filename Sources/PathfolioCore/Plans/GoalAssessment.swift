public import Foundation

/// A goal's derived status: `achieved` from mastery of every target, otherwise pacing (SPEC §1.5).
///
/// A target counts as *reached* when its score reaches the goal's target level (or, without a
/// target level or for a rolled-up parent that has no score, when it is mastered). The day it
/// was reached is the day it was first mastered, in the institution's time zone — the ledger
/// keeps the first-mastered instant, not the first instant at every level, so for a target level
/// above the threshold this is the best available date.
public struct GoalAssessment: Sendable, Hashable {
    /// The goal.
    public let goalID: GoalID
    /// Derived status.
    public let status: GoalStatus
    /// Targets reached.
    public let reached: [CompetencyID]
    /// Targets not reached.
    public let remaining: [CompetencyID]
    /// For an achieved goal, the day the last target was reached.
    public let achievedOn: CalendarDate?
    /// The pace, when the goal is neither achieved, dropped nor not started.
    public let pacing: Pacing?

    /// Assesses a goal against a learner's progress on `today`.
    public init(goal: Goal, planStart: CalendarDate, progress: LearnerProgress, today: CalendarDate,
                timeZone: TimeZone, windowDays: Int = Pacing.defaultWindowDays) {
        var reachedOn: [CompetencyID: CalendarDate?] = [:]
        var started = false
        for target in goal.targets {
            let entry = progress.entries[target]
            if let entry, entry.status != .notStarted { started = true }
            let isReached: Bool = if let level = goal.targetLevel, let score = entry?.score {
                score >= level
            } else {
                entry?.status == .mastered
            }
            let day: CalendarDate? = isReached ? entry?.firstMasteredAt.map { CalendarDate($0, in: timeZone) } ?? today : nil
            // updateValue, not subscript assignment: assigning nil would remove the key.
            reachedOn.updateValue(day, forKey: target)
        }
        goalID = goal.id
        reached = goal.targets.filter { reachedOn[$0]! != nil }
        remaining = goal.targets.filter { reachedOn[$0]! == nil }
        if goal.isDropped {
            status = .dropped
            achievedOn = nil
            pacing = nil
        } else if remaining.isEmpty {
            status = .achieved
            achievedOn = reachedOn.values.compactMap { $0 }.max()
            pacing = nil
        } else if !started && today <= goal.dueDate {
            status = .notStarted
            achievedOn = nil
            pacing = nil
        } else {
            let pace = Pacing(reachedOn: reachedOn, milestones: goal.milestones, planStart: planStart,
                              dueDate: goal.dueDate, today: today, windowDays: windowDays)
            status = pace.verdict
            achievedOn = nil
            pacing = pace
        }
    }
}
