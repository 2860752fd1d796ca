import Foundation
import PathfolioPostgres

/// The equity settings resource: `minimumGroupSize`, and who set it when (absent for the default).
struct EquitySettingsRepresentation: Encodable {
    let minimumGroupSize: Int
    let updatedBy: String?
    let updatedAt: Date?

    init(_ settings: EquityStore.Settings) {
        minimumGroupSize = settings.minimumGroupSize
        updatedBy = settings.updatedBy?.description
        updatedAt = settings.updatedAt
    }
}
