public import PathfolioCore

/// Which Pathfolio role a OneRoster role gives (README "Importing rosters"):
///
/// | OneRoster | Pathfolio |
/// | --- | --- |
/// | `student` (user role, enrollment) | learner |
/// | `teacher` (user role, enrollment) | assessor |
/// | `counselor` (1.2 user role) | advisor |
/// | `administrator`, `principal`, `siteAdministrator`, `districtAdministrator`, `systemAdministrator` | none |
/// | `aide`, `proctor`, `parent`, `guardian`, `relative`, `ext:…` | none |
///
/// Administrators of the student information system get no Pathfolio role: `admin` can
/// change policies, tokens and rosters, so it is granted in Pathfolio by an admin, never by
/// whoever produces the SIS export. (Homeroom teachers become advisors through their
/// enrollments, not through a user role.)
public enum OneRosterRoleMapping {
    /// The role a user role (1.1 `users.role`, 1.2 `roles.role`) gives, if any.
    public static func role(forUserRole role: String) -> Role? {
        switch role {
        case "student": .learner
        case "teacher": .assessor
        case "counselor": .advisor
        default: nil
        }
    }

    /// The class membership an enrollment role gives, if any.
    public static func role(forEnrollmentRole role: String) -> Role? {
        switch role {
        case "student": .learner
        case "teacher": .assessor
        default: nil
        }
    }
}
