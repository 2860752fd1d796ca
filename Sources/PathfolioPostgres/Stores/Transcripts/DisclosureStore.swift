public import Foundation
public import PathfolioCore

/// The FERPA record of disclosures (34 CFR 99.32): append-only, one row per learner whose
/// transcript left the service for someone other than the learner.
public enum DisclosureStore {
    /// What was disclosed.
    public enum Record: String, Sendable {
        case transcript
        case certifiedTranscript = "certified_transcript"
        case bulkExport = "bulk_export"
    }

    /// One recorded disclosure.
    public struct Entry: Sendable, Equatable {
        public let sequence: Int64
        public let learnerID: PersonID
        public let recipientID: PersonID
        public let recipientName: String
        public let party: String
        public let purpose: String
        public let record: String
        public let format: String
        public let asOf: Date?
        public let reference: UUID?
        public let disclosedAt: Date
    }

    /// What is being disclosed, to whom and why (the learner set apart).
    public struct Occasion: Sendable {
        public let recipientID: PersonID
        public let party: String
        public let purpose: String
        public let record: Record
        public let format: String
        public let asOf: Date?
        public let reference: UUID?

        public init(recipientID: PersonID, party: String, purpose: String, record: Record, format: String, asOf: Date?,
                    reference: UUID?) {
            self.recipientID = recipientID
            self.party = party
            self.purpose = purpose
            self.record = record
            self.format = format
            self.asOf = asOf
            self.reference = reference
        }
    }

    /// Records the disclosure of one learner's record.
    public static func recording(_ occasion: Occasion, of learner: PersonID) -> PostgresStatement<Void> {
        PostgresStatement("""
            INSERT INTO disclosures (institution_id, learner_id, recipient_id, party, purpose, record, format, as_of, reference)
            VALUES (pathfolio_current_institution(), \(learner), \(occasion.recipientID), \(occasion.party), \(occasion.purpose),
                    \(occasion.record.rawValue), \(occasion.format), \(occasion.asOf), \(occasion.reference))
            """) { _ in }
    }

    /// Records the disclosure of every learner of `audience` (set-based) and answers how many.
    public static func recording(_ occasion: Occasion, ofEvery audience: TranscriptAudience) -> PostgresStatement<Int> {
        var query = audience.learners
        let values = [query.bind(occasion.recipientID), query.bind(occasion.party), query.bind(occasion.purpose),
                      query.bind(occasion.record.rawValue), query.bind(occasion.format), query.bind(occasion.asOf),
                      query.bind(occasion.reference)].joined(separator: ", ")
        let sql = """
            INSERT INTO disclosures (institution_id, learner_id, recipient_id, party, purpose, record, format, as_of, reference)
            SELECT pathfolio_current_institution(), a.id, \(values) FROM (\(query.sql)) a
            """
        return PostgresStatement(PostgresQuery(unsafeSQL: sql, bindings: query.bindings)) { rows in rows.affectedRows }
    }

    /// A learner's disclosures, oldest first, after `after` (a sequence number).
    public static func disclosures(of learner: PersonID, after: Int64?, limit: Int) -> PostgresStatement<[Entry]> {
        PostgresStatement("""
            SELECT d.id, d.learner_id, d.recipient_id, p.given_name || ' ' || p.family_name, d.party, d.purpose, d.record,
                   d.format, d.as_of, d.reference, d.disclosed_at
            FROM disclosures d JOIN people p ON p.id = d.recipient_id
            WHERE d.learner_id = \(learner) AND (\(after)::bigint IS NULL OR d.id > \(after))
            ORDER BY d.id LIMIT \(limit)
            """) { rows in
            try rows.map { row in
                Entry(sequence: try row.decode(Int64.self, at: 0), learnerID: try row.decode(PersonID.self, at: 1),
                      recipientID: try row.decode(PersonID.self, at: 2), recipientName: try row.decode(String.self, at: 3),
                      party: try row.decode(String.self, at: 4), purpose: try row.decode(String.self, at: 5),
                      record: try row.decode(String.self, at: 6), format: try row.decode(String.self, at: 7),
                      asOf: try row.decode(Date?.self, at: 8), reference: try row.decode(UUID?.self, at: 9),
                      disclosedAt: try row.decode(Date.self, at: 10))
            }
        }
    }
}
