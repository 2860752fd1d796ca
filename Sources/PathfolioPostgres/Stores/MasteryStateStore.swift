public import Foundation
public import PathfolioCore

/// The mastery projection (SPEC §1.4): one row per (learner, competency) that has a state,
/// direct or rolled up, written in the same transaction as the review that changed it.
public struct MasteryStateStore: Sendable {
    /// A stored state and whether it came from ratings or a rollup.
    public struct Stored: Sendable, Equatable {
        public let competencyID: CompetencyID
        public let isRollup: Bool
        public let status: MasteryStatus
        public let score: Score?
        public let level: ProficiencyScale.Level?
        public let firstMasteredAt: Date?
        public let contributingReviewCount: Int
        public let latestReviewAt: Date?

        public init(competencyID: CompetencyID, isRollup: Bool, status: MasteryStatus, score: Score?,
                    level: ProficiencyScale.Level?, firstMasteredAt: Date?, contributingReviewCount: Int,
                    latestReviewAt: Date?) {
            self.competencyID = competencyID
            self.isRollup = isRollup
            self.status = status
            self.score = score
            self.level = level
            self.firstMasteredAt = firstMasteredAt
            self.contributingReviewCount = contributingReviewCount
            self.latestReviewAt = latestReviewAt
        }
    }

    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// A learner's stored states.
    public func states(of learner: PersonID) async throws -> [Stored] {
        try await connection.run(Self.states(of: learner))
    }

    /// ``states(of:)`` as a statement, to send with others.
    public static func states(of learner: PersonID) -> PostgresStatement<[Stored]> {
        PostgresStatement("""
            SELECT \(unescaped: columns) FROM mastery_states WHERE learner_id = \(learner)
            """) { rows in try rows.map(stored(from:)) }
    }

    /// The stored states of several learners, by learner.
    public static func states(of learners: [PersonID]) -> PostgresStatement<[PersonID: [Stored]]> {
        PostgresStatement("""
            SELECT \(unescaped: columns), learner_id FROM mastery_states WHERE learner_id = ANY (\(learners)::uuid[])
            """) { rows in
            var states: [PersonID: [Stored]] = [:]
            for row in rows { states[try row.decode(PersonID.self, at: 9), default: []].append(try stored(from: row)) }
            return states
        }
    }

    /// The stored states of some competencies of the learner of `evidence`.
    public static func states(ofLearnerOf evidence: EvidenceID, for competencies: [CompetencyID]) -> PostgresStatement<[Stored]> {
        PostgresStatement("""
            SELECT \(unescaped: columns) FROM mastery_states
            WHERE learner_id = (SELECT learner_id FROM evidence WHERE id = \(evidence)) AND competency_id = ANY (\(competencies)::uuid[])
            """) { rows in try rows.map(stored(from:)) }
    }

    private static let columns = """
        competency_id, source, status, score, level_label, level_points, first_mastered_at, contributing_reviews, latest_review_at
        """

    private static func stored(from row: PostgresRow) throws -> Stored {
        let label = try row.decode(String?.self, at: 4)
        let points = try row.decode(Score?.self, at: 5)
        return Stored(
            competencyID: try row.decode(CompetencyID.self, at: 0),
            isRollup: try row.decode(String.self, at: 1) == "rollup",
            status: MasteryStatus(rawValue: try row.decode(String.self, at: 2)) ?? .notStarted,
            score: try row.decode(Score?.self, at: 3),
            level: label.flatMap { label in points.map { ProficiencyScale.Level(label: label, points: $0) } },
            firstMasteredAt: try row.decode(Date?.self, at: 6),
            contributingReviewCount: try row.decode(Int.self, at: 7),
            latestReviewAt: try row.decode(Date?.self, at: 8))
    }

    /// Learners with stored states, in id order.
    public func learners() async throws -> [PersonID] {
        try await connection.query("SELECT DISTINCT learner_id FROM mastery_states ORDER BY learner_id")
            .map { try $0.decode(PersonID.self, at: 0) }
    }

    /// Deletes a learner's states of these competencies (a rebuild removing rows the ledger no
    /// longer supports, e.g. after a competency left the graph).
    public func delete(_ competencies: [CompetencyID], of learner: PersonID) async throws {
        guard !competencies.isEmpty else { return }
        _ = try await connection.query("""
            DELETE FROM mastery_states WHERE learner_id = \(learner) AND competency_id = ANY (\(competencies)::uuid[])
            """)
    }

    /// Inserts or replaces a learner's states in one statement. States equal to "not started"
    /// with no reviews are stored too when given, so a rollup that fell back is recorded.
    public func save(_ states: [Stored], of learner: PersonID) async throws {
        guard !states.isEmpty else { return }
        try await connection.run(Self.saving(states, of: learner))
    }

    /// ``save(_:of:)`` as a statement, to send with other writes (`states` must not be empty).
    public static func saving(_ states: [Stored], of learner: PersonID) -> PostgresStatement<Void> {
        PostgresStatement("""
            INSERT INTO mastery_states AS m (institution_id, learner_id, competency_id, source, status, score, level_label,
                                             level_points, first_mastered_at, contributing_reviews, latest_review_at, updated_at)
            SELECT pathfolio_current_institution(), \(learner), s.competency, s.source, s.status,
                   NULLIF(s.score, '')::numeric, NULLIF(s.level_label, ''), NULLIF(s.level_points, '')::numeric,
                   NULLIF(s.first_mastered, '')::timestamptz, s.reviews, NULLIF(s.latest, '')::timestamptz, now()
            FROM unnest(\(states.map(\.competencyID))::uuid[], \(states.map { $0.isRollup ? "rollup" : "direct" })::text[],
                        \(states.map(\.status.rawValue))::text[], \(states.map { $0.score?.description ?? "" })::text[],
                        \(states.map { $0.level?.label ?? "" })::text[], \(states.map { $0.level?.points.description ?? "" })::text[],
                        \(states.map { $0.firstMasteredAt.flatMap { try? $0.postgresText() } ?? "" })::text[],
                        \(states.map(\.contributingReviewCount))::int[],
                        \(states.map { $0.latestReviewAt.flatMap { try? $0.postgresText() } ?? "" })::text[])
                 AS s(competency, source, status, score, level_label, level_points, first_mastered, reviews, latest)
            ON CONFLICT (institution_id, learner_id, competency_id) DO UPDATE SET
                source = excluded.source, status = excluded.status, score = excluded.score,
                level_label = excluded.level_label, level_points = excluded.level_points,
                first_mastered_at = excluded.first_mastered_at, contributing_reviews = excluded.contributing_reviews,
                latest_review_at = excluded.latest_review_at, updated_at = now()
            """)
    }
}
