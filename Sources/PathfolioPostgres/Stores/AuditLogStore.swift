public import Foundation
public import PathfolioCore

/// The append-only audit log (who did what to which record), written in the caller's transaction.
public struct AuditLogStore: Sendable {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// Appends one entry.
    public func append(actor: PersonID?, action: String, targetType: String, targetID: UUID?,
                       details: PostgresJSON = PostgresJSON(text: "{}")) async throws {
        try await connection.run(Self.entry(actor: actor, action: action, targetType: targetType, targetID: targetID,
                                            details: details))
    }

    /// ``append(actor:action:targetType:targetID:details:)`` as a statement, to send with other writes.
    public static func entry(actor: PersonID?, action: String, targetType: String, targetID: UUID?,
                             details: PostgresJSON = PostgresJSON(text: "{}")) -> PostgresStatement<Void> {
        PostgresStatement("""
            INSERT INTO audit_log (institution_id, actor_id, action, target_type, target_id, details)
            VALUES (pathfolio_current_institution(), \(actor), \(action), \(targetType), \(targetID), \(details))
            """)
    }

    /// Entries about one record, oldest first.
    public func entries(targetType: String, targetID: UUID) async throws -> [(action: String, actor: PersonID?, at: Date)] {
        try await connection.query("""
            SELECT action, actor_id, recorded_at FROM audit_log
            WHERE target_type = \(targetType) AND target_id = \(targetID) ORDER BY id
            """).map { (try $0.decode(String.self, at: 0), try $0.decode(PersonID?.self, at: 1), try $0.decode(Date.self, at: 2)) }
    }
}
