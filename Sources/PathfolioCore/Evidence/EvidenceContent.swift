/// The substance of a piece of evidence; its case must fit the evidence's kind.
public enum EvidenceContent: Sendable, Hashable, Codable {
    /// A URL (for `link`).
    case link(url: String)
    /// Text (for `text`).
    case text(String)
    /// An attached file (for `file`): content address, size and media type. `nil` until uploaded.
    case file(sha256: String?, byteCount: Int?, mediaType: String?)
    /// An assessment result (for `assessment_result`): what was taken and the result.
    case assessmentResult(assessment: String, result: String)
    /// An observation (for `observation`): notes and the day it was observed.
    case observation(notes: String, observedOn: CalendarDate)

    /// The kind this content belongs to.
    public var kind: EvidenceKind {
        switch self {
        case .link: .link
        case .text: .text
        case .file: .file
        case .assessmentResult: .assessmentResult
        case .observation: .observation
        }
    }
}
