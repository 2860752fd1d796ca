public import Foundation

/// Something a learner (or a teacher on their behalf) submits to show mastery (SPEC §1.3).
public struct Evidence: Sendable, Hashable, Codable {
    /// The evidence id.
    public let id: EvidenceID
    /// Whose evidence it is.
    public let learnerID: PersonID
    /// Who submitted it (the learner, or a teacher on their behalf).
    public let submittedBy: PersonID
    /// Title.
    public var title: String
    /// Description.
    public var description: String
    /// Link, text, file, result or observation.
    public let content: EvidenceContent
    /// Competencies it claims (one or more, no repeats).
    public let competencies: [CompetencyID]
    /// Workflow status.
    public private(set) var status: EvidenceStatus
    /// When it was submitted.
    public let submittedAt: Date
    /// The returned evidence this one revises.
    public let previousRevision: EvidenceID?

    /// Why evidence was refused.
    public enum Invalid: Error, Sendable, Equatable {
        /// It must claim at least one competency.
        case noCompetencies
        /// A competency is claimed twice.
        case competencyRepeated(CompetencyID)
        /// An empty title.
        case emptyTitle
        /// Only a `returned` item can be revised; it is in this status.
        case notRevisable(EvidenceStatus, revisable: [EvidenceStatus])
        /// A file larger than the limit.
        case fileTooLarge(byteCount: Int, limit: Int)
    }

    /// The default limit of an attached file, 25 MiB (SPEC §3).
    public static let defaultFileLimit = 25 * 1024 * 1024

    /// The kind, which follows from the content.
    public var kind: EvidenceKind { content.kind }

    /// Submits new evidence (status `submitted`).
    public init(id: EvidenceID, learnerID: PersonID, submittedBy: PersonID, title: String, description: String = "",
                content: EvidenceContent, competencies: [CompetencyID], submittedAt: Date,
                previousRevision: EvidenceID? = nil, fileLimit: Int = Evidence.defaultFileLimit) throws(Invalid) {
        guard !competencies.isEmpty else { throw .noCompetencies }
        var seen = Set<CompetencyID>()
        for competency in competencies where !seen.insert(competency).inserted { throw .competencyRepeated(competency) }
        guard !title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .emptyTitle }
        if case .file(_, let size?, _) = content, size > fileLimit { throw .fileTooLarge(byteCount: size, limit: fileLimit) }
        self.id = id
        self.learnerID = learnerID
        self.submittedBy = submittedBy
        self.title = title
        self.description = description
        self.content = content
        self.competencies = competencies
        self.status = .submitted
        self.submittedAt = submittedAt
        self.previousRevision = previousRevision
    }

    /// Evidence as it was stored, in whatever status it reached (storage adapters rebuild
    /// records with this; new evidence goes through the validating initializer).
    public init(storedID id: EvidenceID, learnerID: PersonID, submittedBy: PersonID, title: String, description: String,
                content: EvidenceContent, competencies: [CompetencyID], status: EvidenceStatus, submittedAt: Date,
                previousRevision: EvidenceID?) {
        self.id = id
        self.learnerID = learnerID
        self.submittedBy = submittedBy
        self.title = title
        self.description = description
        self.content = content
        self.competencies = competencies
        self.status = status
        self.submittedAt = submittedAt
        self.previousRevision = previousRevision
    }

    /// Moves the workflow on, or throws naming the allowed statuses.
    public mutating func transition(to next: EvidenceStatus) throws(EvidenceStatus.IllegalTransition) {
        status = try status.transition(to: next)
    }

    /// A new revision of this returned evidence, pointing back to it. Claims the same
    /// competencies unless others are given.
    public func revision(id: EvidenceID, title: String? = nil, description: String? = nil, content: EvidenceContent,
                         competencies: [CompetencyID]? = nil, submittedBy: PersonID, submittedAt: Date) throws(Invalid) -> Evidence {
        guard status == .returned else { throw .notRevisable(status, revisable: [.returned]) }
        return try Evidence(id: id, learnerID: learnerID, submittedBy: submittedBy, title: title ?? self.title,
                            description: description ?? self.description, content: content,
                            competencies: competencies ?? self.competencies, submittedAt: submittedAt,
                            previousRevision: self.id)
    }
}
