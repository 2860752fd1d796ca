public import Foundation
public import PathfolioCore

extension FrameworkCatalogStore {
    /// A framework's policy history, newest effective first (ties: the later recorded first).
    /// Empty when no policy was ever set (the core default applies) or there is no such framework.
    public func policyHistory(of framework: FrameworkID, on connection: PostgresConnection) async throws -> [PolicyChange] {
        try await connection.query("""
            SELECT id, framework_id, policy, scale, effective_from, changed_by, changed_at FROM framework_policies
            WHERE institution_id = \(institution) AND framework_id = \(framework)
            ORDER BY effective_from DESC, id DESC
            """).map(policyChange)
    }

    /// Records a policy for a framework, in force from `effectiveFrom` (it stays in the history
    /// for ever; a later one replaces it from its own effective time). Recomputing the mastery
    /// projections it changes is the caller's business, in the same transaction. Fails with a
    /// foreign-key violation when the framework or the person does not exist in the institution.
    public func savePolicy(_ policy: MasteryPolicy, scale: ProficiencyScale? = nil, of framework: FrameworkID,
                           effectiveFrom: Date, changedBy: PersonID,
                           at changedAt: Date, on connection: PostgresConnection) async throws -> PolicyChange {
        let rows = try await connection.query("""
            INSERT INTO framework_policies (institution_id, framework_id, policy, scale, effective_from, changed_by, changed_at)
            VALUES (\(institution), \(framework), \(try StoredMasteryPolicy.json(policy)), \(try scale.map(scaleJSON)),
                    \(effectiveFrom), \(changedBy), \(changedAt))
            RETURNING id, framework_id, policy, scale, effective_from, changed_by, changed_at
            """)
        return try policyChange(rows[0])
    }

    private func policyChange(_ row: PostgresRow) throws -> PolicyChange {
        PolicyChange(
            id: try row.decode(Int64.self, named: "id"), frameworkID: try row.decode(FrameworkID.self, named: "framework_id"),
            policy: try StoredMasteryPolicy.decode(row.decode(PostgresJSON.self, named: "policy")),
            scale: try row.decode(PostgresJSON?.self, named: "scale").map { json throws(PostgresError) in
                try decodeScale(json, column: "scale")
            },
            effectiveFrom: try row.decode(Date.self, named: "effective_from"),
            changedBy: try row.decode(PersonID.self, named: "changed_by"), changedAt: try row.decode(Date.self, named: "changed_at"))
    }
}
