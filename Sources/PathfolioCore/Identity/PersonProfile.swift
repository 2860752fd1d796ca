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

extension PersonProfile {
    /// "Given Family", leaving out an empty part: how people are named on records.
    public var fullName: String { Self.fullName(given: givenName, family: familyName) }

    /// ``fullName`` of any given and family name.
    public static func fullName(given: String, family: String) -> String {
        [given, family].filter { !$0.isEmpty }.joined(separator: " ")
    }
}
