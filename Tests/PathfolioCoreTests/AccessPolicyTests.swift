import Foundation
import Testing
import PathfolioCore

/// The full matrix: every role × action × (own / other in the institution / other institution).
/// "Own" means: the learner themselves, the advisor's caseload, the assessor's taught learner;
/// the registrar's and admin's own institution. The expected sets are written out here, from
/// SPEC §2.1, independently of the policy's code.
@Suite("Access policy matrix")
struct AccessPolicyTests {
    enum Relation: String, CaseIterable, Sendable { case own, other, otherInstitution }

    static let me: PersonID = id(1), mine: PersonID = id(2), stranger: PersonID = id(3)
    static let home: InstitutionID = id(10), away: InstitutionID = id(11)

    static let learnerRecordAllowed: [Role: Set<AccessAction>] = [
        .learner: [.readProgress, .readEvidence, .submitEvidence, .withdrawEvidence, .readPlan, .requestPlanReview,
                   .proposeGoal, .commentOnPlan, .readTranscript, .readDisclosures],
        .advisor: [.readProgress, .readEvidence, .reviewEvidence, .readPlan, .createPlan, .editPlan, .transitionPlan,
                   .proposeGoal, .commentOnPlan, .readTranscript],
        .assessor: [.readProgress, .readEvidence, .submitEvidence, .reviewEvidence, .readPlan],
        .registrar: [.readProgress, .readEvidence, .readPlan, .readTranscript, .certifyTranscript, .readDisclosures],
        .admin: [],
    ]
    static let institutionAllowed: [Role: Set<AccessAction>] = [
        .learner: [.readFrameworks], .advisor: [.readFrameworks, .readPlanTemplates, .managePlanTemplates, .readEarlyWarningSettings],
        .assessor: [.readFrameworks],
        .registrar: [.readFrameworks, .exportTranscripts, .readEquity, .readPlanTemplates, .readEarlyWarningSettings,
                     .readCredentialSettings],
        .admin: [.readFrameworks, .readEquity, .manageFrameworks, .managePolicy, .managePeople, .manageTokens,
                 .readPlanTemplates, .managePlanTemplates, .assignPlans, .readEarlyWarningSettings, .manageEarlyWarningSettings,
                 .manageEquitySettings, .readCredentialSettings, .manageCredentialSettings],
    ]
    /// On a class: "own" is a class the assessor teaches (for other roles, any class).
    static let classAllowed: [Role: Set<AccessAction>] = [
        .learner: [], .advisor: [], .assessor: [.readClass, .readClassMastery],
        .registrar: [.readClass, .readClassMastery], .admin: [.readClass],
    ]
    static let aClass = ClassID(UUID(uuidString: "00000000-0000-4000-8000-00000000c1a5")!)

    static func requester(_ role: Role) -> Requester {
        Requester(personID: role == .learner ? mine : me, institutionID: home, roles: [role],
                  caseload: role == .advisor ? [mine] : [], taughtLearners: role == .assessor ? [mine] : [])
    }

    static let cases: [(Role, AccessAction, Relation)] = Role.allCases.flatMap { role in
        AccessAction.allCases.flatMap { action in Relation.allCases.map { (role, action, $0) } }
    }

    @Test("role × action × relation", arguments: cases)
    func matrix(role: Role, action: AccessAction, relation: Relation) {
        let actor = AccessPolicyTests.requester(role)
        let expected: Bool
        let target: AccessTarget
        if AccessAction.learnerRecordActions.contains(action) {
            let learner = relation == .other ? AccessPolicyTests.stranger : AccessPolicyTests.mine
            target = .learner(learner, in: relation == .otherInstitution ? AccessPolicyTests.away : AccessPolicyTests.home)
            // Registrars see the whole institution, so "other" learners too.
            let reach = relation == .own || (relation == .other && role == .registrar)
            expected = reach && AccessPolicyTests.learnerRecordAllowed[role]!.contains(action)
        } else if AccessAction.institutionActions.contains(action) {
            // An institution has no "other" inside itself: other = own for institution actions.
            target = .institution(relation == .otherInstitution ? AccessPolicyTests.away : AccessPolicyTests.home)
            expected = relation != .otherInstitution && AccessPolicyTests.institutionAllowed[role]!.contains(action)
        } else if AccessAction.classActions.contains(action) {
            // The class's assessors: `me` for an own class, a stranger's class otherwise.
            let assessors: Set<PersonID> = relation == .other ? [AccessPolicyTests.stranger] : [AccessPolicyTests.me]
            target = .schoolClass(AccessPolicyTests.aClass, assessors: assessors,
                                  in: relation == .otherInstitution ? AccessPolicyTests.away : AccessPolicyTests.home)
            let reach = relation == .own || (relation == .other && role != .assessor)
            expected = reach && AccessPolicyTests.classAllowed[role]!.contains(action)
        } else {
            #expect(action == .readCaseload)
            let advisor = relation == .other ? AccessPolicyTests.stranger : AccessPolicyTests.me
            target = .caseload(advisor: advisor, in: relation == .otherInstitution ? AccessPolicyTests.away : AccessPolicyTests.home)
            expected = relation != .otherInstitution && (role == .registrar || role == .admin || (role == .advisor && relation == .own))
        }
        #expect(AccessPolicy.decide(actor, action, target) == (expected ? .allow : .notFound))
    }

    @Test func rolesAddUpAndNeverCrossInstitutions() {
        let both = Requester(personID: AccessPolicyTests.me, institutionID: AccessPolicyTests.home, roles: [.advisor, .assessor],
                             caseload: [AccessPolicyTests.mine], taughtLearners: [AccessPolicyTests.stranger])
        #expect(AccessPolicy.decide(both, .editPlan, .learner(AccessPolicyTests.mine, in: AccessPolicyTests.home)) == .allow)
        #expect(AccessPolicy.decide(both, .submitEvidence, .learner(AccessPolicyTests.stranger, in: AccessPolicyTests.home)) == .allow)
        #expect(AccessPolicy.decide(both, .editPlan, .learner(AccessPolicyTests.stranger, in: AccessPolicyTests.home)) == .notFound)
        let everything = Requester(personID: AccessPolicyTests.me, institutionID: AccessPolicyTests.home, roles: Set(Role.allCases))
        for action in AccessAction.allCases {
            #expect(AccessPolicy.decide(everything, action, .institution(AccessPolicyTests.away)) == .notFound)
        }
    }

    @Test func aTargetOfTheWrongKindIsNotFound() {
        let admin = AccessPolicyTests.requester(.admin)
        #expect(AccessPolicy.decide(admin, .manageTokens, .learner(AccessPolicyTests.mine, in: AccessPolicyTests.home)) == .notFound)
        #expect(AccessPolicy.decide(AccessPolicyTests.requester(.registrar), .readProgress, .institution(AccessPolicyTests.home)) == .notFound)
    }
}
