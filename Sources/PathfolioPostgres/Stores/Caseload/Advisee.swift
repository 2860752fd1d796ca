public import Foundation
public import PathfolioCore

/// One learner of an advisor's caseload as the caseload query reads them: who, since when,
/// their open plan, and a summary of their evidence (SPEC §1.5, early warning).
public struct Advisee: Sendable, Hashable {
    /// The learner's latest plan that is not archived.
    public struct OpenPlan: Sendable, Hashable {
        public let id: PlanID
        public let status: PlanStatus
        public let startDate: CalendarDate

        public init(id: PlanID, status: PlanStatus, startDate: CalendarDate) {
            self.id = id
            self.status = status
            self.startDate = startDate
        }
    }

    public let learnerID: PersonID
    public let givenName: String
    public let familyName: String
    /// When the advisor took the learner on.
    public let advisedSince: Date
    /// The open plan, if any.
    public let plan: OpenPlan?
    /// Evidence waiting for review and the latest submission.
    public let activity: EarlyWarning.EvidenceActivity

    public init(learnerID: PersonID, givenName: String, familyName: String, advisedSince: Date, plan: OpenPlan?,
                activity: EarlyWarning.EvidenceActivity) {
        self.learnerID = learnerID
        self.givenName = givenName
        self.familyName = familyName
        self.advisedSince = advisedSince
        self.plan = plan
        self.activity = activity
    }
}
