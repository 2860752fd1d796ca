import Foundation
import PathfolioCore
import PathfolioPostgres

/// Who a template is instantiated for and what happened to each: the body of
/// `POST /v1/plan-templates/{id}/instantiate` (`learnerIds`, `classId` or `cohort`, and the
/// plans' `startDate`/`targetDate`) and its outcome.
struct PlanInstantiation {
    /// The learners named.
    enum Audience {
        case learners([PersonID])
        case classOf(ClassID)
        case cohort(String)
    }

    /// One learner's outcome.
    struct Outcome: Encodable {
        let learnerId: String
        let planId: String?
        /// `created`, `already_planned`, `no_advisor`, `not_in_caseload`, `not_a_learner`.
        let result: String
    }

    /// Learners per transaction: each batch is one set-based statement.
    static let batchSize = 1_000

    let audience: Audience
    let startDate: CalendarDate
    let targetDate: CalendarDate

    init(_ input: RequestObject) throws(APIError) {
        input.rejectUnknown(besides: ["learnerIds", "classId", "cohort", "startDate", "targetDate"])
        let named = ["learnerIds", "classId", "cohort"].filter { input.has($0) && !input.isExplicitNull($0) }
        if named.count != 1 {
            input.log.add("", "Name exactly one of learnerIds, classId, cohort.")
        }
        let learners = input.array("learnerIds", count: 1...50_000, required: false) { element -> PersonID? in element.identifier() }
        let classID: ClassID? = input.identifier("classId", required: false)
        let cohort = input.string("cohort", required: false, maximumLength: 100)
        let start = input.date("startDate")
        let target = input.date("targetDate")
        try input.log.check()
        if let start, let target, target < start {
            throw .unprocessable("The target date is before the start date.", errors: [.init(pointer: "/targetDate", detail: "Must not be before startDate.")])
        }
        if let learners {
            audience = .learners(learners)
        } else if let classID {
            audience = .classOf(classID)
        } else {
            audience = .cohort(cohort!)
        }
        startDate = start!
        targetDate = target!
    }
}

/// The summary `POST /v1/plan-templates/{id}/instantiate` answers (or streams last).
struct PlanInstantiationSummary: Encodable {
    let templateId: String
    let templateVersion: Int
    let requested: Int
    let created: Int
    let skipped: Int
    let results: [PlanInstantiation.Outcome]
}
