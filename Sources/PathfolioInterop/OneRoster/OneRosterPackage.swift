/// A OneRoster 1.1 or 1.2 CSV package (bulk or delta) translated into plain values, with every
/// problem found, located by file and line.
///
/// **Policy.** A package with any problem of severity ``OneRosterSeverity/error`` is rejected as
/// a whole: ``isAccepted`` is `false` and the importer must write nothing from it (no partial,
/// per-row import). Warnings (vendor columns, a file present but declared absent, a value whose
/// case differs from the spec, a date-only `dateLastModified`, `tobedeleted` rows in a bulk file,
/// references into a delta file that the target database may already hold, …) never block.
///
/// The records are filled even when the package is rejected, so that a caller can show what was
/// understood; rows without a `sourcedId`, or repeating one, are left out.
public struct OneRosterPackage: Sendable, Hashable {
    /// The manifest, or `nil` when `manifest.csv` is missing or unusable (then nothing else is read).
    public var manifest: OneRosterManifest?
    /// `orgs.csv`.
    public var orgs: [OneRosterOrg] = []
    /// `users.csv`.
    public var users: [OneRosterUser] = []
    /// 1.2 `roles.csv` (empty for 1.1, where each user carries a single `role`).
    public var roles: [OneRosterRole] = []
    /// 1.2 `userProfiles.csv`.
    public var userProfiles: [OneRosterUserProfile] = []
    /// `academicSessions.csv`.
    public var academicSessions: [OneRosterAcademicSession] = []
    /// `courses.csv`.
    public var courses: [OneRosterCourse] = []
    /// `classes.csv`.
    public var classes: [OneRosterClass] = []
    /// `enrollments.csv`.
    public var enrollments: [OneRosterEnrollment] = []
    /// `demographics.csv`.
    public var demographics: [OneRosterDemographics] = []
    /// Every problem, in file then line order of discovery.
    public var problems: [OneRosterProblem] = []

    /// Creates an empty package.
    public init(manifest: OneRosterManifest? = nil) {
        self.manifest = manifest
    }

    /// The problems of severity `error`.
    public var errors: [OneRosterProblem] { problems.filter { $0.severity == .error } }
    /// The problems of severity `warning`.
    public var warnings: [OneRosterProblem] { problems.filter { $0.severity == .warning } }
    /// `true` when there is no error: the package may be imported (see the policy above).
    public var isAccepted: Bool { manifest != nil && !problems.contains { $0.severity == .error } }

    /// Every user's roles, whatever the version: 1.2 `roles.csv` rows, or for 1.1 one entry per
    /// (user, org in `orgSourcedIds`) with the user's `role`. Rows with a blank role or org are left out.
    public var userRoles: [OneRosterUserRole] {
        if manifest?.version == .v1_2 {
            return roles.filter { !$0.role.isEmpty && !$0.orgSourcedId.isEmpty }.map {
                OneRosterUserRole(userSourcedId: $0.userSourcedId, role: $0.role, orgSourcedId: $0.orgSourcedId,
                                  isPrimary: $0.roleType == "primary", file: OneRosterTable.roles.fileName, line: $0.line)
            }
        }
        return users.flatMap { user -> [OneRosterUserRole] in
            guard let role = user.role else { return [] }
            return user.orgSourcedIds.enumerated().map { position, org in
                OneRosterUserRole(userSourcedId: user.sourcedId, role: role, orgSourcedId: org, isPrimary: position == 0,
                                  file: OneRosterTable.users.fileName, line: user.line)
            }
        }
    }

    /// The number of records read from `table`.
    public func count(of table: OneRosterTable) -> Int {
        switch table {
        case .orgs: orgs.count
        case .users: users.count
        case .roles: roles.count
        case .userProfiles: userProfiles.count
        case .academicSessions: academicSessions.count
        case .courses: courses.count
        case .classes: classes.count
        case .enrollments: enrollments.count
        case .demographics: demographics.count
        }
    }
}
