/// The enumerations OneRoster fixes, from the 1.2 Rostering OpenAPI (`OrgDType.type`,
/// `AcademicSessionDType.type`, `ClassDType.classType`, `EnrollmentDType.role`, `RoleDType.role`,
/// `RoleDType.roleType`, `DemographicsDType.sex`) and the 1.1 CSV binding (user `role`).
///
/// Every open enumeration also accepts extensions matching `ext:[a-zA-Z0-9.\-_]+`.
/// Values are matched exactly; a value that matches only ignoring case (`Scheduled`) is
/// accepted, normalised to the spec spelling, and reported as a warning.
public enum OneRosterVocabulary {
    /// Org types.
    public static let orgTypes = ["department", "district", "local", "national", "school", "state"]
    /// Academic session types.
    public static let sessionTypes = ["gradingPeriod", "semester", "schoolYear", "term"]
    /// Class types.
    public static let classTypes = ["homeroom", "scheduled"]
    /// Enrollment roles (1.1 and 1.2).
    public static let enrollmentRoles = ["administrator", "proctor", "student", "teacher"]
    /// 1.1 `users.csv` `role` values.
    public static let userRolesV1_1 = ["administrator", "aide", "guardian", "parent", "proctor", "relative",
                                       "student", "teacher"]
    /// 1.2 `roles.csv` `role` values.
    public static let rolesV1_2 = ["aide", "counselor", "districtAdministrator", "guardian", "parent", "principal",
                                   "proctor", "relative", "siteAdministrator", "student", "systemAdministrator",
                                   "teacher"]
    /// 1.2 `roleType` values (closed).
    public static let roleTypes = ["primary", "secondary"]
    /// Demographics `sex` values.
    public static let sexes = ["male", "female", "unspecified", "other"]

    /// Whether `value` is a well-formed extension value (`ext:` + `[a-zA-Z0-9.\-_]+`).
    public static func isExtension(_ value: String) -> Bool {
        guard value.hasPrefix("ext:") else { return false }
        let rest = value.utf8.dropFirst(4)
        return !rest.isEmpty && rest.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == 0x2E || byte == 0x2D || byte == 0x5F
        }
    }
}
