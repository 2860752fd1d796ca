import Foundation
import PathfolioCore
import PathfolioPostgres

/// One advisee of a caseload, judged: the core's ``EarlyWarning`` from their evidence summary
/// and, when they were assessed, their open plan's goal assessments.
struct CaseloadEntry {
    let advisee: Advisee
    let warning: EarlyWarning

    /// Judges `advisee`; `assessments` nil when their goals were not looked at (yet: only the
    /// page's advisees are, unless the order or the filter depends on every advisee's goals).
    init(_ advisee: Advisee, assessments: [GoalAssessment]?, now: Date, timeZone: TimeZone, thresholds: EarlyWarningThresholds) {
        self.advisee = advisee
        // Quiet days count from the plan's start, or else from when the advisor took the learner on.
        let since = advisee.plan.map { $0.startDate.adding(days: -1).endOfDay(in: timeZone).addingTimeInterval(0.000_001) }
            ?? advisee.advisedSince
        warning = EarlyWarning(learner: advisee.learnerID, assessments: assessments ?? [], activity: advisee.activity,
                               now: now, since: since, thresholds: thresholds)
    }

    var flags: [CaseloadFlag] { warning.signals.map(CaseloadFlag.init).sorted() }

    var goalsAtRisk: [GoalID] {
        for case .goalsAtRisk(let goals) in warning.signals { return goals }
        return []
    }

    /// The position in `order`: compared as a tuple, smallest first (descending keys negated),
    /// names and then the id breaking ties.
    func key(_ order: CaseloadOrder) -> CaseloadOrder.Key {
        let primary: Int = switch order {
        case .name: 0
        case .flags: -flags.count
        case .waiting: -(warning.waitingDays ?? -1)
        case .quiet: -warning.quietDays
        }
        return CaseloadOrder.Key(primary: primary, familyName: advisee.familyName, givenName: advisee.givenName,
                                 learnerID: advisee.learnerID)
    }
}
