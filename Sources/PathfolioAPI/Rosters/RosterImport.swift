public import Foundation
public import PathfolioCore
public import PathfolioInterop
public import PathfolioPostgres

/// Imports a read OneRoster package into an institution (SPEC §1.1), on the caller's
/// transaction: refuses a package with any error (the reader's, or a value Pathfolio cannot
/// store) listing every one by file and line, and otherwise writes it whole with
/// ``RosterStore`` (one round trip), records it in `roster_imports` and the audit log, and
/// says what it did. A dry run does the same work inside a savepoint it rolls back.
public struct RosterImport: Sendable {
    /// Who asked.
    public enum Channel: String, Sendable {
        case api, cli
    }

    /// Makes an importer.
    public init() {}

    /// Imports `package`. Runs on `connection`, in the caller's transaction, tenant set to
    /// `institution`; when it throws, the caller rolls back.
    /// - Throws: ``RosterImportError/rejected(_:)`` for a refused package; a `PostgresError`
    ///   when the database fails.
    public func importPackage(_ package: OneRosterPackage, institution: InstitutionID, actor: PersonID?, channel: Channel,
                              dryRun: Bool, on connection: PostgresConnection, now: Date) async throws -> RosterImportSummary {
        guard let manifest = package.manifest, package.isAccepted else { throw RosterImportError.rejected(package.errors) }
        let mapping = RosterMapping(package)
        let refusals = mapping.problems.filter { $0.severity == .error }
        guard refusals.isEmpty else { throw RosterImportError.rejected(refusals) }

        if dryRun { try await connection.execute(script: "SAVEPOINT roster_dry_run") }
        let result = try await RosterStore(institution: institution).save(mapping.snapshot, now: now, on: connection)
        var warnings = package.warnings
        for (table, positions) in result.unresolved.sorted(by: { $0.key < $1.key }) {
            for position in positions {
                guard let place = mapping.locations[table]?[position] else { continue }
                warnings.append(OneRosterProblem(
                    file: place.file, line: place.line,
                    message: "not written: it names a record that neither the package nor the institution holds (or one removed)",
                    severity: .warning))
            }
        }
        let files = manifest.files.filter { $0.value != .absent }.mapValues(\.rawValue)
        if dryRun {
            try await connection.execute(script: "ROLLBACK TO SAVEPOINT roster_dry_run")
            return RosterImportSummary(importID: nil, dryRun: true, version: manifest.version.rawValue, files: files,
                                       counts: result.counts, warnings: warnings)
        }
        let id = UUID()
        let summary = RosterImportSummary(importID: id, dryRun: false, version: manifest.version.rawValue, files: files,
                                          counts: result.counts, warnings: warnings)
        let counts = try PostgresJSON(encoding: result.counts)
        try await connection.run(RosterStore.record(
            id: id, actor: actor, channel: channel.rawValue, version: manifest.version.rawValue,
            sourceSystem: manifest.sourceSystemName, files: try PostgresJSON(encoding: files), counts: counts,
            warnings: try PostgresJSON(encoding: warnings)))
        struct Details: Encodable {
            let importId: String
            let version: String
            let counts: [String: RosterCounts]
            let warnings: Int
        }
        try await AuditLogStore(connection: connection).append(
            actor: actor, action: "roster.import", targetType: "roster_import", targetID: id,
            details: try PostgresJSON(encoding: Details(importId: id.uuidString.lowercased(), version: manifest.version.rawValue,
                                                        counts: result.counts, warnings: warnings.count)))
        return summary
    }
}
