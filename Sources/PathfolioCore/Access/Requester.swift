/// Who is asking: a person, their roles and their relationships, all within one institution.
public struct Requester: Sendable, Hashable {
    /// The person.
    public let personID: PersonID
    /// The institution their token belongs to.
    public let institutionID: InstitutionID
    /// Their roles there.
    public let roles: Set<Role>
    /// Learners assigned to them as an advisor.
    public let caseload: Set<PersonID>
    /// Learners they teach as an assessor (class enrollments or direct assignment).
    public let taughtLearners: Set<PersonID>

    /// Makes a requester.
    public init(personID: PersonID, institutionID: InstitutionID, roles: Set<Role>,
                caseload: Set<PersonID> = [], taughtLearners: Set<PersonID> = []) {
        self.personID = personID
        self.institutionID = institutionID
        self.roles = roles
        self.caseload = caseload
        self.taughtLearners = taughtLearners
    }
}
