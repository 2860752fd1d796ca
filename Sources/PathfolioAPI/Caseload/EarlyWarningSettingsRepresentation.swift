import Foundation
import PathfolioCore
import PathfolioPostgres

/// The institution's early-warning thresholds as the API shows them (the settings resource, and
/// echoed in every caseload). `updatedBy`/`updatedAt` are left out while the defaults apply.
struct EarlyWarningSettingsRepresentation: Encodable {
    let quietDays: Int
    let reviewWaitDays: Int
    let pacingWindowDays: Int
    let updatedBy: String?
    let updatedAt: Date?

    init(_ settings: EarlyWarningSettingsStore.Settings) {
        quietDays = settings.thresholds.quietDays
        reviewWaitDays = settings.thresholds.reviewWaitDays
        pacingWindowDays = settings.thresholds.pacingWindowDays
        updatedBy = settings.updatedBy?.description
        updatedAt = settings.updatedAt
    }

    /// Just the thresholds (the caseload's echo, the audit log's before and after).
    init(_ thresholds: EarlyWarningThresholds) {
        quietDays = thresholds.quietDays
        reviewWaitDays = thresholds.reviewWaitDays
        pacingWindowDays = thresholds.pacingWindowDays
        updatedBy = nil
        updatedAt = nil
    }
}
