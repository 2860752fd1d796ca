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
/// Two statements: the advisees' rows (one statement for the whole caseload, sent with the
/// transaction's opening round trip), then the goals and mastery states of the advisees whose
/// goals must be judged, in one more round trip. Those are the page's advisees, except when the
/// order (`flags`) or the filter (`goals_at_risk`) depends on the goals of all of them: the core
/// judges goals (``GoalAssessment``), so the page can only be cut after it has.
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
            return try await context.session(request, reading: { batch, _ in
                (batch.add(EarlyWarningSettingsStore.current()), batch.add(InstitutionStore.pacing()),
                 batch.add(CaseloadStore.advisees(of: advisor, planStatus: planStatus)))
            }) { session, reads in
                try session.require(.readCaseload, .caseload(advisor: advisor, in: session.institutionID))
                if advisor != session.personID {
                    // Registrars and admins: only an advisor has a caseload.
                    guard let profile = try await PersonStore(connection: session.connection).profile(of: advisor),
                          profile.roles.contains(.advisor) else { throw APIError.notFound }
                }
                let thresholds = try session.read(reads.0).thresholds
                let timeZone = try session.read(reads.1).timeZone
                let advisees = try session.read(reads.2)
                let judge = CaseloadJudgement(session: session, thresholds: thresholds, timeZone: timeZone)

                let goalsDecideThePage = order == .flags || flag == .goalsAtRisk
                var entries = try await judge.entries(advisees, assessingGoals: goalsDecideThePage)
                if let flag { entries = entries.filter { $0.flags.contains(flag) } }
                entries.sort { $0.key(order) < $1.key(order) }
                if let after { entries = entries.filter { after < $0.key(order) } }
                let hasMore = entries.count > page.limit
                var shown = Array(entries.prefix(page.limit))
                if !goalsDecideThePage {
                    shown = try await judge.entries(shown.map(\.advisee), assessingGoals: true)
                }
                let nextKey = hasMore ? shown.last.map { $0.key(order).cursor } : nil
                let items = Page(items: shown.map(CaseloadRepresentation.Item.init), nextKey: nextKey, request: request, page: page)
                return .json(CaseloadRepresentation(advisor: advisor, asOf: session.now, thresholds: thresholds, page: items))
            }
        })
    }
}
