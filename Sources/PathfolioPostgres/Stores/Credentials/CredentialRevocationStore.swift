public import Foundation
public import PathfolioCore

/// Revoked credentials (`credential_revocations`), by the credential's id (its JWT `jti`).
public struct CredentialRevocationStore: Sendable {
    /// A revocation as a verifier reports it.
    public struct Revocation: Sendable, Hashable {
        public let revokedAt: Date
        public let reason: String
    }

    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// Whether `institution` revoked `credentialID` (no tenant needed).
    public static func revocation(institution: InstitutionID, credentialID: String) -> PostgresStatement<Revocation?> {
        PostgresStatement("SELECT revoked_at, reason FROM pathfolio_credential_revocation(\(institution), \(credentialID))") { rows in
            try rows.first.map { Revocation(revokedAt: try $0.decode(Date.self, at: 0), reason: try $0.decode(String.self, at: 1)) }
        }
    }

    /// Records that the current tenant revoked `credentialID` (again: nothing changes); returns
    /// whether this call revoked it.
    @discardableResult
    public func revoke(credentialID: String, reason: String, by person: PersonID?) async throws -> Bool {
        !(try await connection.query("""
            INSERT INTO credential_revocations (institution_id, credential_id, reason, revoked_by)
            VALUES (pathfolio_current_institution(), \(credentialID), \(reason), \(person))
            ON CONFLICT DO NOTHING RETURNING 1
            """)).isEmpty
    }
}
