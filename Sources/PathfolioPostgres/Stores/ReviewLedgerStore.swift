public import Foundation
public import PathfolioCore

/// The append-only ledger of reviews (SPEC §1.3), in the caller's transaction. Recording time
/// is the database's transaction time and the sequence its identity column, so reviews are
/// never backdated and always totally ordered.
public struct ReviewLedgerStore: Sendable {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// Records drafts in one statement, in the order given, returning them as stored; sent with
    /// the other writes of a review (`drafts` must not be empty).
    /// Each review's recording time is the transaction's start (`now()`), and its sequence
    /// comes after every review recorded before it.
    public static func recording(_ drafts: [ReviewDraft]) -> PostgresStatement<[Review]> {
        PostgresStatement("""
            INSERT INTO reviews (institution_id, id, evidence_id, learner_id, competency_id, reviewer_id, points, comment, supersedes)
            SELECT pathfolio_current_institution(), d.id, d.evidence_id, d.learner_id, d.competency_id, d.reviewer_id,
                   d.points, d.comment, s.supersedes
            FROM unnest(\(drafts.map(\.id))::uuid[], \(drafts.map(\.evidenceID))::uuid[], \(drafts.map(\.learnerID))::uuid[],
                        \(drafts.map(\.competencyID))::uuid[], \(drafts.map(\.reviewerID))::uuid[],
                        \(drafts.map(\.points))::numeric[], \(drafts.map(\.comment))::text[],
                        \(drafts.map { $0.supersedes?.description ?? "" })::text[])
                 WITH ORDINALITY AS d(id, evidence_id, learner_id, competency_id, reviewer_id, points, comment, supersedes_text, ordinality)
                 CROSS JOIN LATERAL (SELECT NULLIF(d.supersedes_text, '')::uuid AS supersedes) s
            ORDER BY d.ordinality
            RETURNING id, recorded_at, recording_sequence
            """) { rows in
            var stored: [ReviewID: (Date, Int64)] = [:]
            for row in rows {
                stored[try row.decode(ReviewID.self, at: 0)] = (try row.decode(Date.self, at: 1), try row.decode(Int64.self, at: 2))
            }
            return drafts.map { draft in
                let (recordedAt, sequence) = stored[draft.id]!
                return Review(id: draft.id, evidenceID: draft.evidenceID, learnerID: draft.learnerID,
                              competencyID: draft.competencyID, reviewerID: draft.reviewerID, points: draft.points,
                              comment: draft.comment, recordedAt: recordedAt, recordingSequence: sequence,
                              supersedes: draft.supersedes)
            }
        }
    }

    /// First key of the advisory locks that serialise the reviews of one learner (ASCII "LRNR").
    static let learnerLockClass: Int32 = 0x4C52_4E52

    /// Waits until no other transaction is reviewing evidence of the learner of `evidence`,
    /// then holds that right until the caller's transaction ends. A review recomputes the
    /// learner's projection from what it reads; two at once could each miss the other's
    /// ratings and the later write would lose them. Statements after this one (even in the
    /// same round trip) see every review committed before the lock was granted.
    public static func lockLearner(ofEvidence evidence: EvidenceID) -> PostgresStatement<Void> {
        PostgresStatement("""
            SELECT pg_advisory_xact_lock(\(learnerLockClass), hashtext(learner_id::text)) FROM evidence WHERE id = \(evidence)
            """)
    }

    /// The reviews of some competencies of the learner of `evidence` (superseded ones
    /// included), in review order: what recomputing those competencies needs.
    public static func reviews(ofLearnerOf evidence: EvidenceID, for competencies: [CompetencyID]) -> PostgresStatement<[Review]> {
        PostgresStatement("""
            \(unescaped: selectColumns)
            WHERE learner_id = (SELECT learner_id FROM evidence WHERE id = \(evidence)) AND competency_id = ANY (\(competencies)::uuid[])
            ORDER BY recorded_at, recording_sequence
            """) { rows in try rows.map(review(from:)) }
    }

    /// ``reviews(_:)`` as a statement, to send with others.
    public static func reviews(ids: [ReviewID]) -> PostgresStatement<[Review]> {
        PostgresStatement("""
            \(unescaped: selectColumns) WHERE id = ANY (\(ids)::uuid[])
            """) { rows in try rows.map(review(from:)) }
    }

    private static let selectColumns = """
        SELECT id, evidence_id, learner_id, competency_id, reviewer_id, points, comment, recorded_at, recording_sequence, supersedes
        FROM reviews
        """

    /// A learner's reviews (superseded ones included), optionally only of some competencies.
    public func reviews(of learner: PersonID, for competencies: [CompetencyID]? = nil) async throws -> [Review] {
        try await connection.query("""
            \(unescaped: Self.selectColumns)
            WHERE learner_id = \(learner) AND (\(competencies)::uuid[] IS NULL OR competency_id = ANY (\(competencies)::uuid[]))
            ORDER BY recorded_at, recording_sequence
            """).map(Self.review(from:))
    }

    /// Every review of these learners (all learners when nil), for rebuilds and previews.
    public func reviews(of learners: [PersonID]?, for competencies: [CompetencyID]?) async throws -> [Review] {
        try await connection.query("""
            \(unescaped: Self.selectColumns)
            WHERE (\(learners)::uuid[] IS NULL OR learner_id = ANY (\(learners)::uuid[]))
              AND (\(competencies)::uuid[] IS NULL OR competency_id = ANY (\(competencies)::uuid[]))
            ORDER BY learner_id, recorded_at, recording_sequence
            """).map(Self.review(from:))
    }

    /// The reviews of one piece of evidence, in review order.
    public func reviews(ofEvidence evidence: EvidenceID) async throws -> [Review] {
        try await connection.query("""
            \(unescaped: Self.selectColumns) WHERE evidence_id = \(evidence) ORDER BY recorded_at, recording_sequence
            """).map(Self.review(from:))
    }

    /// Learners with at least one review, in id order.
    public func reviewedLearners() async throws -> [PersonID] {
        try await connection.query("SELECT DISTINCT learner_id FROM reviews ORDER BY learner_id")
            .map { try $0.decode(PersonID.self, at: 0) }
    }

    private static func review(from row: PostgresRow) throws -> Review {
        Review(id: try row.decode(ReviewID.self, at: 0), evidenceID: try row.decode(EvidenceID.self, at: 1),
               learnerID: try row.decode(PersonID.self, at: 2), competencyID: try row.decode(CompetencyID.self, at: 3),
               reviewerID: try row.decode(PersonID.self, at: 4), points: try row.decode(Score.self, at: 5),
               comment: try row.decode(String.self, at: 6), recordedAt: try row.decode(Date.self, at: 7),
               recordingSequence: try row.decode(Int64.self, at: 8), supersedes: try row.decode(ReviewID?.self, at: 9))
    }
}
