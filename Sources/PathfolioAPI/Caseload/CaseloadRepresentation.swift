import Foundation
import PathfolioCore
import PathfolioHTTP
import PathfolioPostgres

/// An advisor's caseload as the API shows it: one page of advisees with what needs looking at,
/// the thresholds that decided the flags, and the instant they were judged at.
struct CaseloadRepresentation: Encodable {
    /// One advisee.
    struct Item: Encodable {
        struct PlanSummary: Encodable {
            let id: String
            let status: String
            let startDate: String
        }

        struct GoalsAtRisk: Encodable {
            let count: Int
            let goalIds: [String]
        }

        struct EvidenceWaiting: Encodable {
            let count: Int
            let oldestSubmittedAt: Date?
            let waitingDays: Int?

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(count, forKey: .count)
                try container.encode(oldestSubmittedAt.map(Timestamp.format), forKey: .oldestSubmittedAt)
                try container.encode(waitingDays, forKey: .waitingDays)
            }

            enum CodingKeys: String, CodingKey { case count, oldestSubmittedAt, waitingDays }
        }

        let learnerId: String
        let givenName: String
        let familyName: String
        let plan: PlanSummary?
        let goalsAtRisk: GoalsAtRisk
        let evidenceWaiting: EvidenceWaiting
        let lastEvidenceAt: Date?
        let daysSinceLastEvidence: Int?
        let flags: [String]

        init(_ entry: CaseloadEntry) {
            let advisee = entry.advisee
            learnerId = advisee.learnerID.description
            givenName = advisee.givenName
            familyName = advisee.familyName
            plan = advisee.plan.map { PlanSummary(id: $0.id.description, status: $0.status.rawValue, startDate: $0.startDate.description) }
            goalsAtRisk = GoalsAtRisk(count: entry.goalsAtRisk.count, goalIds: entry.goalsAtRisk.map(\.description))
            evidenceWaiting = EvidenceWaiting(count: advisee.activity.waitingCount,
                                              oldestSubmittedAt: advisee.activity.oldestWaitingSubmittedAt,
                                              waitingDays: entry.warning.waitingDays)
            lastEvidenceAt = advisee.activity.lastSubmittedAt
            daysSinceLastEvidence = advisee.activity.lastSubmittedAt == nil ? nil : entry.warning.quietDays
            flags = entry.flags.map(\.rawValue)
        }

        enum CodingKeys: String, CodingKey {
            case learnerId, givenName, familyName, plan, goalsAtRisk, evidenceWaiting, lastEvidenceAt, daysSinceLastEvidence, flags
        }

        /// Every member, `null` when there is nothing (no plan, no evidence).
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(learnerId, forKey: .learnerId)
            try container.encode(givenName, forKey: .givenName)
            try container.encode(familyName, forKey: .familyName)
            try container.encode(plan, forKey: .plan)
            try container.encode(goalsAtRisk, forKey: .goalsAtRisk)
            try container.encode(evidenceWaiting, forKey: .evidenceWaiting)
            try container.encode(lastEvidenceAt.map(Timestamp.format), forKey: .lastEvidenceAt)
            try container.encode(daysSinceLastEvidence, forKey: .daysSinceLastEvidence)
            try container.encode(flags, forKey: .flags)
        }
    }

    struct Thresholds: Encodable {
        let quietDays: Int
        let reviewWaitDays: Int
        let pacingWindowDays: Int
    }

    let advisorId: String
    let asOf: Date
    let thresholds: Thresholds
    let items: [Item]
    let next: String?

    init(advisor: PersonID, asOf: Date, thresholds: EarlyWarningThresholds, page: Page<Item>) {
        advisorId = advisor.description
        self.asOf = asOf
        self.thresholds = Thresholds(quietDays: thresholds.quietDays, reviewWaitDays: thresholds.reviewWaitDays,
                                     pacingWindowDays: thresholds.pacingWindowDays)
        items = page.items
        next = page.next
    }

    enum CodingKeys: String, CodingKey { case advisorId, asOf, thresholds, items, next }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(advisorId, forKey: .advisorId)
        try container.encode(asOf, forKey: .asOf)
        try container.encode(thresholds, forKey: .thresholds)
        try container.encode(items, forKey: .items)
        try container.encode(next, forKey: .next)  // explicit null on the last page
    }
}
