import Foundation
import PathfolioPostgres

/// One disclosure of a learner's record, as `GET /v1/learners/{id}/disclosures` lists it.
struct DisclosureRepresentation: Encodable {
    struct Recipient: Encodable {
        let id: String
        let name: String
    }

    /// Increasing with every disclosure recorded (the list's order).
    let sequence: Int64
    let recipient: Recipient
    let party: String
    let purpose: String
    let record: String
    let format: String
    let asOf: Date?
    let reference: String?
    let disclosedAt: Date

    init(_ entry: DisclosureStore.Entry) {
        sequence = entry.sequence
        recipient = Recipient(id: entry.recipientID.description, name: entry.recipientName)
        party = entry.party
        purpose = entry.purpose
        record = entry.record
        format = entry.format
        asOf = entry.asOf
        reference = entry.reference?.uuidString.lowercased()
        disclosedAt = entry.disclosedAt
    }
}
