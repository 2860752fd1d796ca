public import Foundation

/// Applies `Migration`s in order, each in its own transaction, recording each one's SHA-256
/// in `schema_migrations`; refuses to go on when an applied file changed or vanished.
/// Runners in several processes at once are serialised by an advisory lock.
public struct MigrationRunner: Sendable {
    /// Where one migration stands in a database.
    public struct Status: Sendable, Equatable {
        public enum State: Sendable, Equatable {
            case applied(Date)
            case pending
            case changed
            case missingFile
        }
        public let fileName: String
        public let state: State
    }

    public let migrations: [Migration]

    /// Arbitrary but fixed: the advisory lock key every Pathfolio migrator takes.
    static let lockKey: Int64 = 0x7061_7468_666F_6C69

    public init(migrations: [Migration]) {
        self.migrations = migrations
    }

    /// Every migration's state in the database behind `connection`.
    public func status(on connection: PostgresConnection) async throws -> [Status] {
        try await computeStatus(on: connection)
    }

    /// Applies the pending migrations and returns their file names.
    @discardableResult
    public func migrate(on connection: PostgresConnection) async throws -> [String] {
        try await connection.query("SELECT pg_advisory_lock(\(Self.lockKey))")
        do {
            try await ensureLedger(on: connection)
            let applied = try await applyPending(on: connection)
            try await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))")
            return applied
        } catch {
            _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))")
            throw error
        }
    }

    /// Throws unless every migration is applied, unchanged, and none is missing: what
    /// `serve` checks before it accepts a request.
    public func verify(on connection: PostgresConnection) async throws {
        let statuses = try await computeStatus(on: connection)
        try Self.refuseDrift(statuses)
        let pending = statuses.filter { $0.state == .pending }.map(\.fileName)
        guard pending.isEmpty else { throw MigrationError.pending(pending) }
    }

    private func applyPending(on connection: PostgresConnection) async throws -> [String] {
        let statuses = try await computeStatus(on: connection)
        try Self.refuseDrift(statuses)
        var applied: [String] = []
        for (migration, status) in zip(migrations, statuses) where status.state == .pending {
            try await connection.execute(script: "BEGIN")
            do {
                try await connection.execute(script: migration.sql)
                try await connection.query("""
                    INSERT INTO schema_migrations (version, file_name, sha256)
                    VALUES (\(migration.version), \(migration.fileName),
                            encode(sha256(convert_to(\(migration.sql), 'UTF8')), 'hex'))
                    """)
                try await connection.execute(script: "COMMIT")
            } catch {
                _ = try? await connection.execute(script: "ROLLBACK")
                throw MigrationError.failed(migration.fileName, error)
            }
            applied.append(migration.fileName)
        }
        return applied
    }

    private static func refuseDrift(_ statuses: [Status]) throws {
        for status in statuses {
            switch status.state {
            case .changed: throw MigrationError.changedAfterApplying(status.fileName)
            case .missingFile: throw MigrationError.missingFile(status.fileName)
            default: continue
            }
        }
    }

    private func ensureLedger(on connection: PostgresConnection) async throws {
        try await connection.execute(script: """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version     integer PRIMARY KEY,
                file_name   text NOT NULL,
                sha256      text NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now(),
                applied_by  text NOT NULL DEFAULT current_user
            )
            """)
    }

    private func computeStatus(on connection: PostgresConnection) async throws -> [Status] {
        let ledgerExists = try await connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL")[0]
            .decode(Bool.self, at: 0)
        let rows: [PostgresRow] = ledgerExists ? Array(try await connection.query("""
            SELECT version, file_name, sha256, applied_at FROM schema_migrations ORDER BY version
            """)) : []
        var recorded: [Int: (fileName: String, sha256: String, appliedAt: Date)] = [:]
        for row in rows {
            recorded[try row.decode(Int.self, at: 0)] = (
                try row.decode(String.self, at: 1), try row.decode(String.self, at: 2), try row.decode(Date.self, at: 3)
            )
        }
        // Hash the files with the same function that recorded them.
        let hashes = try await connection.query("""
            SELECT encode(sha256(convert_to(sql, 'UTF8')), 'hex')
            FROM unnest(\(migrations.map(\.sql))::text[]) WITH ORDINALITY AS files(sql, position)
            ORDER BY position
            """).map { try $0.decode(String.self, at: 0) }

        var statuses: [Status] = []
        for (migration, hash) in zip(migrations, hashes) {
            if let applied = recorded.removeValue(forKey: migration.version) {
                let same = applied.sha256 == hash && applied.fileName == migration.fileName
                statuses.append(Status(fileName: migration.fileName, state: same ? .applied(applied.appliedAt) : .changed))
            } else {
                statuses.append(Status(fileName: migration.fileName, state: .pending))
            }
        }
        for (_, orphan) in recorded.sorted(by: { $0.key < $1.key }) {
            statuses.append(Status(fileName: orphan.fileName, state: .missingFile))
        }
        return statuses
    }
}
