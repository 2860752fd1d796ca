/// Who may do what (SPEC §2.1), as one pure decision so the API cannot forget a check.
///
/// | role | on a learner's records | on the institution | caseloads | classes |
/// | --- | --- | --- | --- | --- |
/// | learner | own: read progress, evidence, plan, transcript; submit and withdraw evidence; request plan review; propose goals; comment | read frameworks | — | — |
/// | advisor | caseload: read all; review evidence; create, edit and transition plans; comment | read frameworks; read and write plan templates; read early-warning settings | own caseload | — |
/// | assessor | taught learners: read progress, evidence, plan; submit evidence on their behalf; review evidence | read frameworks | — | the classes they teach: read, read mastery |
/// | registrar | whole institution: read all; certify transcripts | read frameworks, plan templates, early-warning and credential settings; export transcripts, read equity | any | any: read, read mastery |
/// | admin | — (administration is not reading records) | everything administrative (templates, assigning them to any learner, early-warning, equity and credential settings), read equity | any | any: read (not mastery) |
///
/// Never across institutions: a target in another institution is always `notFound`. Roles add
/// up: a person who is both advisor and assessor has the union.
public enum AccessPolicy {
    /// Decides.
    public static func decide(_ actor: Requester, _ action: AccessAction, _ target: AccessTarget) -> AccessDecision {
        guard target.institutionID == actor.institutionID else { return .notFound }
        let allowed = actor.roles.contains { role in permits(role, actor, action, target) }
        return allowed ? .allow : .notFound
    }

    private static func permits(_ role: Role, _ actor: Requester, _ action: AccessAction, _ target: AccessTarget) -> Bool {
        switch target {
        case .learner(let learner, _):
            switch role {
            case .learner:
                return learner == actor.personID && [
                    .readProgress, .readEvidence, .submitEvidence, .withdrawEvidence, .readPlan,
                    .requestPlanReview, .proposeGoal, .commentOnPlan, .readTranscript, .readDisclosures,
                ].contains(action)
            case .advisor:
                return actor.caseload.contains(learner) && [
                    .readProgress, .readEvidence, .reviewEvidence, .readPlan, .createPlan, .editPlan,
                    .transitionPlan, .proposeGoal, .commentOnPlan, .readTranscript,
                ].contains(action)
            case .assessor:
                return actor.taughtLearners.contains(learner) && [
                    .readProgress, .readEvidence, .submitEvidence, .reviewEvidence, .readPlan,
                ].contains(action)
            case .registrar:
                return [.readProgress, .readEvidence, .readPlan, .readTranscript, .certifyTranscript, .readDisclosures]
                    .contains(action)
            case .admin:
                return false
            }
        case .institution:
            switch role {
            case .learner, .assessor:
                return action == .readFrameworks
            case .advisor:
                return [.readFrameworks, .readPlanTemplates, .managePlanTemplates, .readEarlyWarningSettings].contains(action)
            case .registrar:
                return [.readFrameworks, .exportTranscripts, .readEquity, .readPlanTemplates, .readEarlyWarningSettings,
                        .readCredentialSettings].contains(action)
            case .admin:
                return [.readFrameworks, .readEquity, .manageFrameworks, .managePolicy, .managePeople, .manageTokens,
                        .readPlanTemplates, .managePlanTemplates, .assignPlans, .readEarlyWarningSettings,
                        .manageEarlyWarningSettings, .manageEquitySettings, .readCredentialSettings, .manageCredentialSettings].contains(action)
            }
        case .caseload(let advisor, _):
            guard action == .readCaseload else { return false }
            switch role {
            case .advisor: return advisor == actor.personID
            case .registrar, .admin: return true
            case .learner, .assessor: return false
            }
        case .schoolClass(_, let assessors, _):
            switch role {
            case .assessor: return assessors.contains(actor.personID) && [.readClass, .readClassMastery].contains(action)
            case .registrar: return [.readClass, .readClassMastery].contains(action)
            case .admin: return action == .readClass
            case .learner, .advisor: return false
            }
        }
    }
}
