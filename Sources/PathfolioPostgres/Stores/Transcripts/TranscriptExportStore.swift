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

    /// One mastered (learner, competency) pair as CSV cells, every value already text.
    public struct CompetencyRow: Sendable {
        public let learnerID: String
        public let learnerSourcedID: String
        public let givenName: String
        public let familyName: String
        public let framework: String
        public let code: String
        public let statement: String
        public let level: String
        public let score: String
        public let firstMasteredOn: String
        public let uri: String
    }

    /// The SQL of the mastered pairs, by learner then framework title and code: the export's
    /// one query, also what the benchmark runs through `COPY … TO STDOUT` to compare.
    public static func competencyRowsSQL(exportID: UUID) -> String {
        """
        SELECT p.id::text, coalesce(p.source_id, ''), p.given_name, p.family_name, f.title,
               coalesce(c.human_coding_scheme, c.id::text), c.full_statement, coalesce(ms.level_label, ''),
               coalesce(ms.score::text, ''),
               (ms.first_mastered_at AT TIME ZONE (SELECT time_zone FROM institutions WHERE id = pathfolio_current_institution()))::date::text,
               c.uri
        FROM disclosures d
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

    /// The next `count` pairs; empty at the end.
    public func nextCompetencyRows(_ count: Int) async throws -> [CompetencyRow] {
        let rows = try await connection.execute(script: "FETCH \(count) FROM export_rows")
        return try rows.map { row in
            CompetencyRow(learnerID: try row.decode(String.self, at: 0), learnerSourcedID: try row.decode(String.self, at: 1),
                          givenName: try row.decode(String.self, at: 2), familyName: try row.decode(String.self, at: 3),
                          framework: try row.decode(String.self, at: 4), code: try row.decode(String.self, at: 5),
                          statement: try row.decode(String.self, at: 6), level: try row.decode(String.self, at: 7),
                          score: try row.decode(String.self, at: 8), firstMasteredOn: try row.decode(String.self, at: 9),
                          uri: try row.decode(String.self, at: 10))
        }
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
