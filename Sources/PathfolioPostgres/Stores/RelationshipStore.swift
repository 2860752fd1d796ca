public import PathfolioCore

/// Advising (an advisor's caseload) and teaching (an assessor's learners), SPEC §1.1.
public struct RelationshipStore: Sendable {
    /// Which relationship.
    public enum Kind: Sendable {
        /// Advisor → learner.
        case advising
        /// Assessor → learner.
        case teaching

        var table: String { self == .advising ? "advising" : "teaching" }
        var holderColumn: String { self == .advising ? "advisor_id" : "assessor_id" }
    }

    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// Links `holder` to `learner`; false when they already were.
    public func assign(_ kind: Kind, holder: PersonID, learner: PersonID, by actor: PersonID) async throws -> Bool {
        let rows = try await connection.query("""
            INSERT INTO \(unescaped: kind.table) (institution_id, \(unescaped: kind.holderColumn), learner_id, assigned_by)
            VALUES (pathfolio_current_institution(), \(holder), \(learner), \(actor))
            ON CONFLICT DO NOTHING RETURNING learner_id
            """)
        return !rows.isEmpty
    }

    /// Unlinks them; false when they were not linked.
    public func remove(_ kind: Kind, holder: PersonID, learner: PersonID) async throws -> Bool {
        let rows = try await connection.query("""
            DELETE FROM \(unescaped: kind.table)
            WHERE \(unescaped: kind.holderColumn) = \(holder) AND learner_id = \(learner) RETURNING learner_id
            """)
        return !rows.isEmpty
    }

    /// The learners linked to `holder`, in id order.
    public func learners(_ kind: Kind, of holder: PersonID) async throws -> [PersonID] {
        try await connection.query("""
            SELECT learner_id FROM \(unescaped: kind.table) WHERE \(unescaped: kind.holderColumn) = \(holder) ORDER BY learner_id
            """).map { try $0.decode(PersonID.self, at: 0) }
    }
}
