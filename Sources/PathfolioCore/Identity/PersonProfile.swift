/// Who a person is in an institution: name, contact and roles (SPEC §1.1).
public struct PersonProfile: Sendable, Hashable {
    public let id: PersonID
    public let institutionID: InstitutionID
    public let givenName: String
    public let familyName: String
    public let email: String?
    public let roles: Set<Role>
    /// The learner's cohort (a graduating class, a grade group), when the roster gives one.
    public let cohort: String?

    public init(
        id: PersonID, institutionID: InstitutionID, givenName: String, familyName: String, email: String?, roles: Set<Role>,
        cohort: String? = nil
    ) {
        self.id = id
        self.institutionID = institutionID
        self.givenName = givenName
        self.familyName = familyName
        self.email = email
        self.roles = roles
        self.cohort = cohort
    }
}
