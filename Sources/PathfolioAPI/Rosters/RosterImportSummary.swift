public import Foundation
public import PathfolioInterop
public import PathfolioPostgres

/// What a roster import did (the body of `POST /v1/rosters/import`'s answer, and what the CLI
/// prints): per table, created / updated / unchanged / removed, and every warning.
public struct RosterImportSummary: Sendable, Encodable {
    /// The import's record (`roster_imports`); nil for a dry run, which wrote nothing.
    public let importID: UUID?
    /// `true` when nothing was written (the counts say what would have been).
    public let dryRun: Bool
    /// `1.1` or `1.2`.
    public let version: String
    /// Each declared file's mode (`bulk`, `delta`), by table.
    public let files: [String: String]
    /// Counts by table: `orgs`, `academicSessions`, `users`, `roles`, `classes`, `enrollments`,
    /// `demographics`, and the derived `classMembers`, `advising`, `personRoles`.
    public let counts: [String: RosterCounts]
    /// Oddities understood and accepted, by file and line.
    public let warnings: [OneRosterProblem]

    private enum CodingKeys: String, CodingKey { case importId, dryRun, version, files, counts, warnings }
    private enum WarningKeys: String, CodingKey { case file, line, column, message }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(importID?.uuidString.lowercased(), forKey: .importId)
        try container.encode(dryRun, forKey: .dryRun)
        try container.encode(version, forKey: .version)
        try container.encode(files, forKey: .files)
        try container.encode(counts, forKey: .counts)
        var list = container.nestedUnkeyedContainer(forKey: .warnings)
        for warning in warnings {
            var item = list.nestedContainer(keyedBy: WarningKeys.self)
            try item.encode(warning.file, forKey: .file)
            try item.encodeIfPresent(warning.line, forKey: .line)
            try item.encodeIfPresent(warning.column, forKey: .column)
            try item.encode(warning.message, forKey: .message)
        }
    }

    /// The tables in the order people read them.
    public static let tableOrder = ["orgs", "academicSessions", "users", "roles", "classes", "enrollments", "demographics",
                                    "classMembers", "advising", "personRoles"]
}
