/// Why migrations cannot run, or why the database does not match the migration files.
public enum MigrationError: Error, Sendable, CustomStringConvertible {
    case unreadableDirectory(String)
    case noMigrations(String)
    case unreadableFile(String)
    case badFileName(String)
    case duplicateVersion(String, String)
    /// An applied migration's file no longer has the content that was applied.
    case changedAfterApplying(String)
    /// The database records a migration whose file is gone.
    case missingFile(String)
    /// Migrations exist that the database has not had yet (for `serve`, which never migrates).
    case pending([String])
    /// Applying a migration failed; it was rolled back.
    case failed(String, PostgresError)

    public var description: String {
        switch self {
        case .unreadableDirectory(let path):
            "cannot read the migrations directory \(path); pass --schema DIR or set PATHFOLIO_SCHEMA_DIR"
        case .noMigrations(let path): "no NNNN_description.sql files in \(path)"
        case .unreadableFile(let name): "cannot read migration \(name) as UTF-8 text"
        case .badFileName(let name): "migration file \(name) is not named NNNN_description.sql"
        case .duplicateVersion(let first, let second): "migrations \(first) and \(second) share a version number"
        case .changedAfterApplying(let name):
            "migration \(name) was changed after it was applied; restore the applied version and add a new migration instead"
        case .missingFile(let name):
            "migration \(name) was applied to this database but its file is missing; restore it"
        case .pending(let names):
            "the database is not migrated (pending: \(names.joined(separator: ", "))); run `pathfolio migrate`"
        case .failed(let name, let error):
            "migration \(name) failed and was rolled back: \(error)"
        }
    }
}
