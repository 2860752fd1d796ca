public import Foundation

/// Why an advisor should look at a learner now (SPEC §1.5, the caseload view).
///
/// A learner is flagged when any of: a goal is `at_risk`; evidence has waited for review
/// (`submitted` or `in_review`) for `reviewWaitDays` days or more; no evidence was submitted for
/// `quietDays` days or more (counting from the latest submission, or from `since` — typically
/// the plan's start, or when the advisor took the learner on — when there is none). Days are
/// whole days of 24 hours, rounded down.
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

    /// What a learner's evidence looks like to the caseload: enough to judge, without the items.
    public struct EvidenceActivity: Sendable, Hashable {
        /// Items waiting for review (`submitted` or `in_review`).
        public let waitingCount: Int
        /// When the oldest of them was submitted.
        public let oldestWaitingSubmittedAt: Date?
        /// The latest submission of any status, if any.
        public let lastSubmittedAt: Date?

        /// Makes a summary.
        public init(waitingCount: Int, oldestWaitingSubmittedAt: Date?, lastSubmittedAt: Date?) {
            self.waitingCount = waitingCount
            self.oldestWaitingSubmittedAt = oldestWaitingSubmittedAt
            self.lastSubmittedAt = lastSubmittedAt
        }

        /// Summarises the learner's own items of `evidence`.
        public init(learner: PersonID, evidence: [Evidence]) {
            let own = evidence.filter { $0.learnerID == learner }
            let waiting = own.filter { $0.status == .submitted || $0.status == .inReview }
            self.init(waitingCount: waiting.count, oldestWaitingSubmittedAt: waiting.map(\.submittedAt).min(),
                      lastSubmittedAt: own.map(\.submittedAt).max())
        }
    }

    /// The default quiet period, in days.
    public static let defaultQuietDays = 14

    /// The learner.
    public let learnerID: PersonID
    /// Reasons, in the order above; empty when all is well.
    public let signals: [Signal]
    /// Whole days the oldest waiting item has waited (nil when nothing waits).
    public let waitingDays: Int?
    /// Whole days since the latest evidence, or since `since` when there is none.
    public let quietDays: Int

    /// Judges one learner of a caseload from a summary of their evidence.
    /// - Parameters:
    ///   - assessments: the learner's goal assessments (see ``GoalAssessment``).
    ///   - now: the instant of the check (passed in: the core has no clock).
    ///   - since: when to count quiet days from if there is no evidence at all.
    ///   - thresholds: `quietDays` and `reviewWaitDays` decide the last two signals.
    public init(learner: PersonID, assessments: [GoalAssessment], activity: EvidenceActivity, now: Date, since: Date,
                thresholds: EarlyWarningThresholds) {
        var signals: [Signal] = []
        let atRisk = assessments.filter { $0.status == .atRisk }.map(\.goalID)
        if !atRisk.isEmpty { signals.append(.goalsAtRisk(atRisk)) }
        let days = { (instant: Date) in max(0, Int(now.timeIntervalSince(instant) / 86_400)) }
        waitingDays = activity.oldestWaitingSubmittedAt.map(days)
        if let oldest = activity.oldestWaitingSubmittedAt, activity.waitingCount > 0, days(oldest) >= thresholds.reviewWaitDays {
            signals.append(.evidenceAwaitingReview(count: activity.waitingCount, oldestSubmittedAt: oldest))
        }
        quietDays = days(activity.lastSubmittedAt ?? since)
        if quietDays >= thresholds.quietDays { signals.append(.noRecentEvidence(days: quietDays)) }
        learnerID = learner
        self.signals = signals
    }

    /// Judges one learner from their evidence items; any waiting item counts, however recent.
    public init(learner: PersonID, assessments: [GoalAssessment], evidence: [Evidence], now: Date, since: Date,
                quietDays: Int = EarlyWarning.defaultQuietDays) {
        self.init(learner: learner, assessments: assessments, activity: EvidenceActivity(learner: learner, evidence: evidence),
                  now: now, since: since,
                  thresholds: EarlyWarningThresholds(quietDays: quietDays, reviewWaitDays: 0,
                                                     pacingWindowDays: Pacing.defaultWindowDays))
    }

    /// Whether the learner needs attention.
    public var needsAttention: Bool { !signals.isEmpty }
}
