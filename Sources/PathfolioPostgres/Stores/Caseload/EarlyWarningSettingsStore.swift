public import Foundation
public import PathfolioCore

/// The institution's early-warning thresholds (`early_warning_settings`, one row per
/// institution; none means ``EarlyWarningThresholds/defaults``).
public struct EarlyWarningSettingsStore: Sendable {
    /// The thresholds in force and who set them last (nil for the defaults).
    public struct Settings: Sendable, Equatable {
        public let thresholds: EarlyWarningThresholds
        public let updatedBy: PersonID?
        public let updatedAt: Date?

        public init(thresholds: EarlyWarningThresholds, updatedBy: PersonID?, updatedAt: Date?) {
            self.thresholds = thresholds
            self.updatedBy = updatedBy
            self.updatedAt = updatedAt
        }
    }

    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// The current tenant's settings, as a statement to send with others.
    public static func current() -> PostgresStatement<Settings> {
        PostgresStatement("""
            SELECT quiet_days, review_wait_days, pacing_window_days, updated_by, updated_at
            FROM early_warning_settings WHERE institution_id = pathfolio_current_institution()
            """) { rows in
            guard let row = rows.first else {
                return Settings(thresholds: .defaults, updatedBy: nil, updatedAt: nil)
            }
            return Settings(
                thresholds: EarlyWarningThresholds(quietDays: try row.decode(Int.self, at: 0), reviewWaitDays: try row.decode(Int.self, at: 1),
                                                   pacingWindowDays: try row.decode(Int.self, at: 2)),
                updatedBy: try row.decode(PersonID?.self, at: 3), updatedAt: try row.decode(Date?.self, at: 4))
        }
    }

    /// Replaces the current tenant's thresholds; returns the settings as stored.
    public func replace(with thresholds: EarlyWarningThresholds, by actor: PersonID) async throws -> Settings {
        let row = try await connection.query("""
            INSERT INTO early_warning_settings AS s (institution_id, quiet_days, review_wait_days, pacing_window_days, updated_by, updated_at)
            VALUES (pathfolio_current_institution(), \(thresholds.quietDays), \(thresholds.reviewWaitDays),
                    \(thresholds.pacingWindowDays), \(actor), now())
            ON CONFLICT (institution_id) DO UPDATE SET
                quiet_days = excluded.quiet_days, review_wait_days = excluded.review_wait_days,
                pacing_window_days = excluded.pacing_window_days, updated_by = excluded.updated_by, updated_at = now()
            RETURNING updated_at
            """)[0]
        return Settings(thresholds: thresholds, updatedBy: actor, updatedAt: try row.decode(Date.self, at: 0))
    }
}
