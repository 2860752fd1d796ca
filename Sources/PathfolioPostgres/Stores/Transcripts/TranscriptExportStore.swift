public import Foundation
public import PathfolioCore

/// The bulk transcript export (SPEC §1.6), read through server-side cursors so the service holds
/// one batch at a time, whatever the size. Its learners are exactly those whose disclosure was
/// recorded for the export (``DisclosureStore/recording(_:ofEvery:)``), so nothing leaves
/// without its record. Cursors live in the caller's transaction.
public struct TranscriptExportStore: Sendable {
    let connection: PostgresConnection
    /// The export: the `reference` of its disclosure rows.
    public let exportID: UUID

    public init(connection: PostgresConnection, exportID: UUID) {
        self.connection = connection
        self.exportID = exportID
    }

    /// The SQL of the mastered pairs, by learner then framework title and code, as the cells of
    /// a transcript CSV `competency` record (every column text, in `TranscriptCSV.columns`
    /// order): the export's one query, also what the benchmark runs through `COPY … TO STDOUT`.
    public static func competencyRowsSQL(exportID: UUID) -> String {
        """
        SELECT 'competency', p.id::text, coalesce(p.source_id, ''),
               concat_ws(' ', nullif(p.given_name, ''), nullif(p.family_name, '')), f.title,
               coalesce(c.human_coding_scheme, c.id::text), c.full_statement, coalesce(ms.level_label, ''),
               coalesce(ms.score::text, ''), coalesce((ms.first_mastered_at AT TIME ZONE i.time_zone)::date::text, ''), c.uri,
               i.name, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
        FROM disclosures d
        JOIN institutions i ON i.id = d.institution_id
        JOIN people p ON p.institution_id = d.institution_id AND p.id = d.learner_id
        JOIN mastery_states ms ON ms.institution_id = d.institution_id AND ms.learner_id = d.learner_id AND ms.status = 'mastered'
        JOIN competencies c ON c.institution_id = ms.institution_id AND c.id = ms.competency_id
        JOIN frameworks f ON f.institution_id = c.institution_id AND f.id = c.framework_id
        WHERE d.reference = '\(exportID.uuidString.lowercased())'
        ORDER BY p.id, f.title, coalesce(c.human_coding_scheme, c.id::text), c.id
        """
    }

    /// Opens the cursor of mastered pairs.
    public func openCompetencyRows() async throws {
        try await connection.execute(script: "DECLARE export_rows NO SCROLL CURSOR FOR " + Self.competencyRowsSQL(exportID: exportID))
    }

    /// The next `count` pairs (their cells as text, read with `PostgresRow.withText`); empty at the end.
    public func nextCompetencyRows(_ count: Int) async throws -> PostgresRows {
        try await connection.execute(script: "FETCH \(count) FROM export_rows")
    }

    /// Opens the cursor of the export's learners, in id order.
    public func openLearners() async throws {
        try await connection.execute(script: """
            DECLARE export_learners NO SCROLL CURSOR FOR
            SELECT p.id, p.given_name, p.family_name, p.source_id
            FROM disclosures d JOIN people p ON p.institution_id = d.institution_id AND p.id = d.learner_id
            WHERE d.reference = '\(exportID.uuidString.lowercased())'
            ORDER BY p.id
            """)
    }

    /// The next `count` learners; empty at the end.
    public func nextLearners(_ count: Int) async throws -> [Transcript.Learner] {
        try await connection.execute(script: "FETCH \(count) FROM export_learners").map(TranscriptSourceStore.learner(from:))
    }
}
