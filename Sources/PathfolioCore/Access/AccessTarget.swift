/// What an action is aimed at.
public enum AccessTarget: Sendable, Hashable {
    /// One learner's records (progress, evidence, plans, transcript).
    case learner(PersonID, in: InstitutionID)
    /// The institution as a whole (frameworks, exports, policies, people).
    case institution(InstitutionID)
    /// An advisor's caseload.
    case caseload(advisor: PersonID, in: InstitutionID)
    /// A class, with the assessors who teach it (who may read it).
    case schoolClass(ClassID, assessors: Set<PersonID>, in: InstitutionID)

    /// The institution the target belongs to.
    public var institutionID: InstitutionID {
        switch self {
        case .learner(_, let institution), .institution(let institution), .caseload(_, let institution),
             .schoolClass(_, _, let institution): institution
        }
    }
}
