import Foundation
import PathfolioCore
import PathfolioHTTP
import PathfolioPostgres

/// Who a transcript goes to and why, as a disclosure records it (FERPA 34 CFR 99.32): the
/// caller, and `party` and `purpose` from the query. Both default to the school-official case
/// (34 CFR 99.31(a)(1)): the caller's own role in the institution, for a legitimate educational
/// interest.
struct DisclosureOccasion {
    let party: String
    let purpose: String

    static let defaultPurpose = "legitimate educational interest (school official)"

    init(_ request: HTTPRequest, requester: Requester) throws(APIError) {
        let role = [Role.registrar, .advisor, .admin, .assessor, .learner].first { requester.roles.contains($0) }
        party = try Self.text(request, "party", limit: 300) ?? "\(role?.rawValue ?? "staff") of the institution"
        purpose = try Self.text(request, "purpose", limit: 1000) ?? Self.defaultPurpose
    }

    private static func text(_ request: HTTPRequest, _ name: String, limit: Int) throws(APIError) -> String? {
        guard let value = request.query(name) else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...limit).contains(trimmed.count), !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw .invalidParameter(name, "Must be 1 to \(limit) characters of text, without control characters.")
        }
        return trimmed
    }

    /// The store's record of this occasion.
    func occasion(recipient: PersonID, record: DisclosureStore.Record, format: String, asOf: Date?, reference: UUID?) -> DisclosureStore.Occasion {
        DisclosureStore.Occasion(recipientID: recipient, party: party, purpose: purpose, record: record, format: format,
                                 asOf: asOf, reference: reference)
    }
}
