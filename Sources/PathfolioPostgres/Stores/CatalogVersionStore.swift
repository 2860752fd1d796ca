public import Foundation

/// The version of the tenant's competency catalog (`catalog_versions`, schema 0004): bumped by
/// triggers in the same transaction as every change to its frameworks, competencies,
/// associations and policies. A catalog read at version v is current for as long as the
/// version is still v — and, since policies can take effect later than they are recorded,
/// until the next policy change takes effect.
public enum CatalogVersionStore {
    /// The catalog's state as of the transaction's start.
    public struct State: Sendable, Equatable {
        /// 0 before the first change.
        public let version: Int64
        /// When a recorded policy takes effect next (after the transaction's start), if any.
        public let nextPolicyChange: Date?
    }

    /// Reads the tenant's catalog state (one small statement, meant to ride along in a batch).
    public static func current() -> PostgresStatement<State> {
        PostgresStatement("""
            SELECT coalesce((SELECT version FROM catalog_versions WHERE institution_id = pathfolio_current_institution()), 0)::int8,
                   (SELECT min(effective_from) FROM framework_policies
                    WHERE institution_id = pathfolio_current_institution() AND effective_from > now())
            """) { rows in
            State(version: try rows[0].decode(Int64.self, at: 0), nextPolicyChange: try rows[0].decode(Date?.self, at: 1))
        }
    }
}
