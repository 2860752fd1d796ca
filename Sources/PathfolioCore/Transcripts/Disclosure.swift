public import Foundation

/// A record that a learner's education record left Pathfolio for someone other than the
/// learner (FERPA, 34 CFR 99.32): who received it, why, when, and in what form (SPEC §1.6).
public struct Disclosure: Sendable, Hashable, Codable {
    /// Whose record.
    public let learnerID: PersonID
    /// Who received it (a person of the institution, e.g. the registrar exporting it).
    public let recipientID: PersonID
    /// The party it is for, as stated (e.g. `"State University admissions"`).
    public let party: String
    /// The legitimate interest or purpose stated.
    public let purpose: String
    /// The format exported (`json`, `csv`, `html`, `clr`, `ndjson`).
    public let format: String
    /// When.
    public let at: Date

    /// Makes a disclosure record.
    public init(learnerID: PersonID, recipientID: PersonID, party: String, purpose: String, format: String, at: Date) {
        self.learnerID = learnerID
        self.recipientID = recipientID
        self.party = party
        self.purpose = purpose
        self.format = format
        self.at = at
    }

    /// Whether exporting `learner`'s record to `recipient` must be recorded: always, except
    /// when the learner exports their own record.
    public static func isRequired(exportingRecordOf learner: PersonID, to recipient: PersonID) -> Bool {
        learner != recipient
    }
}
