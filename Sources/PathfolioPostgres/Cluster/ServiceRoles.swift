/// The two roles Pathfolio's databases are built around, as `dev` and the tests create them
/// in a private cluster: an owner that migrates (not a superuser, so forced row-level
/// security binds it too) and `pathfolio_app`, the non-owner role the service connects as.
public enum ServiceRoles {
    public static let owner = "pathfolio_owner"
    public static let app = "pathfolio_app"

    /// Creates both login roles when missing (idempotent). `ownerMayCreateDatabases` gives the
    /// owner CREATEDB (the tests clone databases as it).
    public static func ensure(on superuser: PostgresConnection, ownerMayCreateDatabases: Bool = false) async throws {
        for (role, options) in [(owner, ownerMayCreateDatabases ? "LOGIN CREATEDB" : "LOGIN"), (app, "LOGIN")] {
            let exists = try await superuser.query("SELECT count(*)::int8 FROM pg_roles WHERE rolname = \(role)")[0]
                .decode(Int.self, at: 0)
            if exists == 0 {
                try await superuser.execute(script: "CREATE ROLE \(role) \(options)")
            } else {
                try await superuser.execute(script: "ALTER ROLE \(role) \(options)")
            }
        }
    }

    /// Creates database `name` owned by the owner role when missing (idempotent).
    public static func ensureDatabase(_ name: String, on superuser: PostgresConnection) async throws {
        let exists = try await superuser.query("SELECT count(*)::int8 FROM pg_database WHERE datname = \(name)")[0]
            .decode(Int.self, at: 0)
        if exists == 0 {
            try await superuser.execute(script: "CREATE DATABASE \"\(name.replacingOccurrences(of: "\"", with: "\"\""))\" OWNER \(owner)")
        }
    }
}
