import Foundation
public import PathfolioCore

/// What a transcript is assembled from, besides mastery and plans: the issuing institution and
/// the learners as printed on it.
public enum TranscriptSourceStore {
    /// The current tenant as issuer, with its time zone.
    public static func institution() -> PostgresStatement<Institution?> {
        PostgresStatement("SELECT id, name, time_zone FROM institutions WHERE id = pathfolio_current_institution()") { rows in
            try rows.first.map {
                Institution(id: try $0.decode(InstitutionID.self, at: 0), name: try $0.decode(String.self, at: 1),
                            timeZoneIdentifier: try $0.decode(String.self, at: 2))
            }
        }
    }

    /// These people, when they hold the learner role, as transcripts name them (in id order).
    public static func learners(_ ids: [PersonID]) -> PostgresStatement<[Transcript.Learner]> {
        PostgresStatement("""
            SELECT p.id, p.given_name, p.family_name, p.source_id FROM people p
            WHERE p.id = ANY (\(ids)::uuid[])
              AND EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = p.id AND r.role = 'learner')
            ORDER BY p.id
            """) { rows in try rows.map(learner(from:)) }
    }

    /// One learner row (`id, given_name, family_name, source_id`).
    public static func learner(from row: PostgresRow) throws -> Transcript.Learner {
        Transcript.Learner(id: try row.decode(PersonID.self, at: 0), givenName: try row.decode(String.self, at: 1),
                           familyName: try row.decode(String.self, at: 2), sourcedID: try row.decode(String?.self, at: 3))
    }
}
