/// The rostering tables this reader understands, with their spec column lists per version.
///
/// Column lists are those of the OneRoster 1.1 and 1.2 CSV bindings, in spec order (1.2's
/// `users.csv` drops `orgSourcedIds` and `role`, which move to `roles.csv`, and adds the
/// `preferred…`, `userMasterIdentifier`, `primaryOrgSourcedId` and `pronouns` columns).
public enum OneRosterTable: String, Sendable, Hashable, CaseIterable {
    /// `orgs.csv`
    case orgs
    /// `users.csv`
    case users
    /// `roles.csv` (1.2 only)
    case roles
    /// `userProfiles.csv` (1.2 only)
    case userProfiles
    /// `academicSessions.csv`
    case academicSessions
    /// `courses.csv`
    case courses
    /// `classes.csv`
    case classes
    /// `enrollments.csv`
    case enrollments
    /// `demographics.csv`
    case demographics

    /// The file name inside a package.
    public var fileName: String { rawValue + ".csv" }

    /// Whether the table exists in `version`.
    public func exists(in version: OneRosterVersion) -> Bool {
        switch self {
        case .roles, .userProfiles: version == .v1_2
        default: true
        }
    }

    /// The spec's header columns for `version`, in order.
    public func columns(for version: OneRosterVersion) -> [String] {
        let base = ["sourcedId", "status", "dateLastModified"]
        switch self {
        case .orgs: return base + ["name", "type", "identifier", "parentSourcedId"]
        case .users:
            if version == .v1_1 {
                return base + ["enabledUser", "orgSourcedIds", "role", "username", "userIds", "givenName",
                               "familyName", "middleName", "identifier", "email", "sms", "phone",
                               "agentSourcedIds", "grades", "password"]
            }
            return base + ["enabledUser", "username", "userIds", "givenName", "familyName", "middleName",
                           "identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password",
                           "userMasterIdentifier", "preferredGivenName", "preferredMiddleName",
                           "preferredFamilyName", "primaryOrgSourcedId", "pronouns"]
        case .roles:
            return base + ["userSourcedId", "roleType", "role", "beginDate", "endDate", "orgSourcedId",
                           "userProfileSourcedId"]
        case .userProfiles:
            return base + ["userSourcedId", "profileType", "vendorId", "applicationId", "description",
                           "credentialType", "username", "password"]
        case .academicSessions:
            return base + ["title", "type", "startDate", "endDate", "parentSourcedId", "schoolYear"]
        case .courses:
            return base + ["schoolYearSourcedId", "title", "courseCode", "grades", "orgSourcedId", "subjects",
                           "subjectCodes"]
        case .classes:
            return base + ["title", "grades", "courseSourcedId", "classCode", "classType", "location",
                           "schoolSourcedId", "termSourcedIds", "subjects", "subjectCodes", "periods"]
        case .enrollments:
            return base + ["classSourcedId", "schoolSourcedId", "userSourcedId", "role", "primary", "beginDate",
                           "endDate"]
        case .demographics:
            return base + ["birthDate", "sex", "americanIndianOrAlaskaNative", "asian", "blackOrAfricanAmerican",
                           "nativeHawaiianOrOtherPacificIslander", "white", "demographicRaceTwoOrMoreRaces",
                           "hispanicOrLatinoEthnicity", "countryOfBirthCode", "stateOfBirthAbbreviation",
                           "cityOfBirth", "publicSchoolResidenceStatus"]
        }
    }

    /// Columns whose cells must not be blank (besides `sourcedId`, always required, and
    /// `status`/`dateLastModified`, required in delta files).
    public func requiredFields(for version: OneRosterVersion) -> [String] {
        switch self {
        case .orgs: ["name", "type"]
        case .users: version == .v1_1
            ? ["enabledUser", "orgSourcedIds", "role", "username", "givenName", "familyName"]
            : ["enabledUser", "username", "givenName", "familyName"]
        case .roles: ["userSourcedId", "roleType", "role", "orgSourcedId"]
        case .userProfiles: ["userSourcedId", "profileType", "vendorId", "credentialType"]
        case .academicSessions: ["title", "type", "startDate", "endDate", "schoolYear"]
        case .courses: ["title", "orgSourcedId"]
        case .classes: ["title", "courseSourcedId", "classType", "schoolSourcedId", "termSourcedIds"]
        case .enrollments: ["classSourcedId", "schoolSourcedId", "userSourcedId", "role"]
        case .demographics: []
        }
    }
}
