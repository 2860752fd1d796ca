/// The append-only log of disclosures (FERPA 34 CFR 99.32), readable by the learner.
public protocol DisclosureLog: Sendable {
    /// Appends a record in the same transaction as the export it describes.
    func record(_ disclosure: Disclosure) async throws
    /// A learner's disclosures, oldest first.
    func disclosures(of learner: PersonID) async throws -> [Disclosure]
}
