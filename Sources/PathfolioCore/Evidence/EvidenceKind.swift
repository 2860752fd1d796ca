/// What sort of thing a piece of evidence is.
public enum EvidenceKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A URL.
    case link
    /// Text written in Pathfolio.
    case text
    /// An attached file (stored content-addressed).
    case file
    /// A result from an assessment.
    case assessmentResult = "assessment_result"
    /// A teacher's observation (with its own date).
    case observation
}
