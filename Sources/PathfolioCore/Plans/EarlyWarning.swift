public import Foundation

/// Why an advisor should look at a learner now (SPEC §1.5, the caseload view).
///
/// A learner is flagged when any of: a goal is `at_risk`; evidence is waiting for review
/// (`submitted` or `in_review`); no evidence was submitted for `quietDays` days or more
/// (counting from the latest submission, or from `since` — typically the plan's start — when
/// there is none).
public struct EarlyWarning: Sendable, Hashable {
    /// One reason to look.
    public enum Signal: Sendable, Hashable {
        /// These goals are at risk.
        case goalsAtRisk([GoalID])
        /// This many evidence items wait for review, the oldest submitted then.
        case evidenceAwaitingReview(count: Int, oldestSubmittedAt: Date)
        /// No evidence for this many whole days.
        case noRecentEvidence(days: Int)
    }

    /// The default quiet period, in days.
    public static let defaultQuietDays = 14

    /// The learner.
    public let learnerID: PersonID
    /// Reasons, in the order above; empty when all is well.
    public let signals: [Signal]

    /// Judges one learner of a caseload.
    /// - Parameters:
    ///   - assessments: the learner's goal assessments (see ``GoalAssessment``).
    ///   - evidence: the learner's evidence.
    ///   - now: the instant of the check (passed in: the core has no clock).
    ///   - since: when to count quiet days from if there is no evidence at all.
    public init(learner: PersonID, assessments: [GoalAssessment], evidence: [Evidence], now: Date, since: Date,
                quietDays: Int = EarlyWarning.defaultQuietDays) {
        var signals: [Signal] = []
        let atRisk = assessments.filter { $0.status == .atRisk }.map(\.goalID)
        if !atRisk.isEmpty { signals.append(.goalsAtRisk(atRisk)) }
        let own = evidence.filter { $0.learnerID == learner }
        let waiting = own.filter { $0.status == .submitted || $0.status == .inReview }
        if let oldest = waiting.map(\.submittedAt).min() {
            signals.append(.evidenceAwaitingReview(count: waiting.count, oldestSubmittedAt: oldest))
        }
        let last = own.map(\.submittedAt).max() ?? since
        let quiet = Int(now.timeIntervalSince(last) / 86_400)
        if quiet >= quietDays { signals.append(.noRecentEvidence(days: quiet)) }
        learnerID = learner
        self.signals = signals
    }

    /// Whether the learner needs attention.
    public var needsAttention: Bool { !signals.isEmpty }
}
