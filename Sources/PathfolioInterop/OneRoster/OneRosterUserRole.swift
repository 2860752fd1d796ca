/// A user's role in an org, the same shape for both versions: from 1.2 `roles.csv`, or derived
/// from a 1.1 user's single `role` and its `orgSourcedIds` (one entry per org, the first primary).
/// See ``OneRosterPackage/userRoles``.
public struct OneRosterUserRole: Sendable, Hashable {
    /// The user.
    public var userSourcedId: String
    /// The role (1.1 user-role or 1.2 role vocabulary, or `ext:…`).
    public var role: String
    /// The org in which it is held.
    public var orgSourcedId: String
    /// `true` for the primary role (1.2 `roleType = primary`; 1.1 the user's first org).
    public var isPrimary: Bool
    /// The file and line it comes from (`roles.csv` or `users.csv`).
    public var file: String
    /// The physical line in `file`.
    public var line: Int

    /// Creates a user role.
    public init(userSourcedId: String, role: String, orgSourcedId: String, isPrimary: Bool, file: String, line: Int) {
        self.userSourcedId = userSourcedId
        self.role = role
        self.orgSourcedId = orgSourcedId
        self.isPrimary = isPrimary
        self.file = file
        self.line = line
    }
}
