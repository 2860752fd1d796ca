/// A role a person holds in an institution (SPEC §1.1).
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// A student.
    case learner
    /// Has a caseload of learners.
    case advisor
    /// Rates the evidence of the learners they teach.
    case assessor
    /// Reads everything in the institution; exports and certifies transcripts.
    case registrar
    /// Administers the institution.
    case admin
}
