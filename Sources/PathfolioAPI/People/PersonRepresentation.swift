import PathfolioCore

/// A person as the API shows them (`GET /v1/me`, `GET /v1/people/{id}`).
struct PersonRepresentation: Encodable {
    let id: String
    let institutionId: String
    let givenName: String
    let familyName: String
    let email: String?
    let roles: [String]
    let cohort: String?

    init(_ profile: PersonProfile) {
        id = profile.id.description
        institutionId = profile.institutionID.description
        givenName = profile.givenName
        familyName = profile.familyName
        email = profile.email
        roles = profile.roles.map(\.rawValue).sorted()
        cohort = profile.cohort
    }
}
