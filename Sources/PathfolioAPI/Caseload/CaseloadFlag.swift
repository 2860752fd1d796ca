import PathfolioCore

/// A reason a caseload shows for looking at a learner now: the API's names of the core's
/// ``EarlyWarning/Signal``s.
enum CaseloadFlag: String, CaseIterable, Comparable {
    /// A goal of the open plan is at risk (``GoalAssessment``).
    case goalsAtRisk = "goals_at_risk"
    /// The oldest evidence waiting for review has waited `reviewWaitDays` or more.
    case reviewOverdue = "review_overdue"
    /// No evidence for `quietDays` or more.
    case noRecentEvidence = "no_recent_evidence"

    init(_ signal: EarlyWarning.Signal) {
        switch signal {
        case .goalsAtRisk: self = .goalsAtRisk
        case .evidenceAwaitingReview: self = .reviewOverdue
        case .noRecentEvidence: self = .noRecentEvidence
        }
    }

    /// In the order above.
    static func < (lhs: CaseloadFlag, rhs: CaseloadFlag) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
