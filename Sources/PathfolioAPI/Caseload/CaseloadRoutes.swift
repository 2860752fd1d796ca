import Foundation
import PathfolioCore
import PathfolioHTTP
import PathfolioPostgres

/// `GET /v1/advisors/{advisorId}/caseload` (SPEC §1.5, early warning): every advisee with their
/// open plan's status, goals at risk, evidence waiting for review and for how long, days since
/// their last evidence, and the flags the institution's thresholds raise. For the advisor
/// themself, registrars and admins (``AccessTarget/caseload(advisor:in:)``).
///
/// `sort` (`flags`, the default, `name`, `waiting`, `quiet`), `flag` (only advisees with that
/// flag), `planStatus` (only advisees whose open plan has it; `none`: without one), `limit` and
/// `cursor`.
///
/// The advisees' rows are one statement for the whole caseload; the goals and direct mastery
/// states of the advisees to judge are two more, sent together. When the order (`flags`, the
/// default) or the filter (`goals_at_risk`) depends on every advisee's goals — the core judges
/// goals (``GoalAssessment``), so the page can only be cut after it has — all of them go with the
/// transaction's opening round trip and its commit: one round trip in all. Otherwise the page is
/// cut first and only its advisees' goals are read, in a second round trip.
struct CaseloadRoutes {
    let context: APIContext

    /// The filter on the open plan: a status, or none at all.
    static let planStatusChoices = PlanStatus.allCases.filter { $0 != .archived }.map(\.rawValue) + ["none"]

    func register(on router: inout Router) {
        let context = self.context
        router.get("/v1/advisors/{advisorId}/caseload", APIContext.handler { request in
            let advisor: PersonID = try request.identifier("advisorId")
            let page = try PageRequest(request, keyCount: 4)
            let order = try request.query("sort").map { text throws(APIError) in
                guard let order = CaseloadOrder(rawValue: text) else {
                    throw .invalidParameter("sort", "Must be one of: \(CaseloadOrder.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                return order
            } ?? .flags
            let flag = try request.query("flag").map { text throws(APIError) in
                guard let flag = CaseloadFlag(rawValue: text) else {
                    throw .invalidParameter("flag", "Must be one of: \(CaseloadFlag.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                return flag
            }
            let planStatus: PlanStatus?? = try request.query("planStatus").map { text throws(APIError) in
                guard CaseloadRoutes.planStatusChoices.contains(text) else {
                    throw .invalidParameter("planStatus", "Must be one of: \(CaseloadRoutes.planStatusChoices.joined(separator: ", ")).")
                }
                return PlanStatus(rawValue: text)
            }
            let after = try page.position(CaseloadOrder.Key.init(cursor:))
            // When the order or the filter depends on every advisee's goals, their goals and
            // states go with the opening round trip, and so does the commit: one round trip.
            let goalsDecideThePage = order == .flags || flag == .goalsAtRisk
            return try await context.session(request, readOnly: goalsDecideThePage, reading: { batch, _ in
                (settings: batch.add(EarlyWarningSettingsStore.current()), timeZone: batch.add(InstitutionStore.timeZone()),
                 isAdvisor: batch.add(CaseloadStore.isAdvisor(advisor)),
                 advisees: batch.add(CaseloadStore.advisees(of: advisor, planStatus: planStatus)),
                 goals: goalsDecideThePage ? batch.add(CaseloadStore.goals(.advisees(of: advisor))) : nil,
                 states: goalsDecideThePage ? batch.add(CaseloadStore.directStates(.advisees(of: advisor))) : nil)
            }) { session, reads in
                try session.require(.readCaseload, .caseload(advisor: advisor, in: session.institutionID))
                // Only an advisor has a caseload.
                guard try session.read(reads.isAdvisor) else { throw APIError.notFound }
                let thresholds = try session.read(reads.settings).thresholds
                let advisees = try session.read(reads.advisees)
                let judge = CaseloadJudgement(now: session.now, thresholds: thresholds, timeZone: try session.read(reads.timeZone),
                                              catalog: try await session.catalog())
                var inputs: CaseloadJudgement.GoalInputs?
                if let goals = reads.goals, let states = reads.states {
                    inputs = CaseloadJudgement.GoalInputs(goals: try session.read(goals), states: try session.read(states))
                }
                var entries = judge.entries(advisees, goals: inputs).map { (key: $0.key(order), entry: $0) }
                if let flag { entries = entries.filter { $0.entry.flags.contains(flag) } }
                if let after { entries = entries.filter { after < $0.key } }
                entries.sort { $0.key < $1.key }
                let hasMore = entries.count > page.limit
                var shown = entries.prefix(page.limit).map(\.entry)
                if !goalsDecideThePage {
                    // The page is cut: judge the goals of its advisees only.
                    let advisees = shown.map(\.advisee)
                    shown = judge.entries(advisees, goals: try await CaseloadJudgement.goalInputs(of: advisees, in: session))
                }
                let nextKey = hasMore ? shown.last.map { $0.key(order).cursor } : nil
                let items = Page(items: shown.map(CaseloadRepresentation.Item.init), nextKey: nextKey, request: request, page: page)
                return .json(CaseloadRepresentation(advisor: advisor, asOf: session.now, thresholds: thresholds, page: items))
            }
        })
    }
}
