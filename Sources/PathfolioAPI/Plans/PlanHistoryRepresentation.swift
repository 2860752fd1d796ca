import Foundation
import PathfolioPostgres
import PathfolioInterop

/// One entry of `GET /v1/plans/{id}/history`: who, when, the version it made, and what
/// changed as `{op, path, from, value}` (``JSONChanges``).
struct PlanHistoryRepresentation: Encodable {
    let sequence: Int64
    let version: Int
    let actorId: String
    let recordedAt: Date
    let action: String
    let changes: EncodableJSON

    init(_ record: PlanHistoryRecord) {
        sequence = record.sequence
        version = record.version
        actorId = record.actorID.description
        recordedAt = record.recordedAt
        action = record.action
        changes = EncodableJSON(text: record.changes.text)
    }
}
