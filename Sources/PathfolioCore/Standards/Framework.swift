public import Foundation

/// A published set of competencies: a CASE `CFDocument` plus Pathfolio's settings for it.
public struct Framework: Sendable, Hashable, Codable {
    /// CASE `identifier`.
    public let id: FrameworkID
    /// The institution that holds this copy of the framework.
    public let institutionID: InstitutionID
    /// CASE `uri`.
    public var uri: String
    /// CASE `title`.
    public var title: String
    /// CASE `creator`.
    public var creator: String
    /// CASE `version`.
    public var version: String?
    /// CASE `subject`.
    public var subjects: [String]
    /// CASE `language`.
    public var language: String?
    /// CASE `adoptionStatus`.
    public var adoptionStatus: String?
    /// CASE `lastChangeDateTime`.
    public var lastChangedAt: Date
    /// The scale of every competency that does not override it.
    public var defaultScale: ProficiencyScale
    /// How reviews become scores and how parents roll up (SPEC §1.4).
    public var masteryPolicy: MasteryPolicy

    /// Makes a framework; the policy defaults to `highest` with `all` rollups, as SPEC §1.4 says.
    public init(
        id: FrameworkID, institutionID: InstitutionID, uri: String, title: String, creator: String,
        version: String? = nil, subjects: [String] = [], language: String? = nil,
        adoptionStatus: String? = nil, lastChangedAt: Date,
        defaultScale: ProficiencyScale = .fourPoint, masteryPolicy: MasteryPolicy = MasteryPolicy()
    ) {
        self.id = id
        self.institutionID = institutionID
        self.uri = uri
        self.title = title
        self.creator = creator
        self.version = version
        self.subjects = subjects
        self.language = language
        self.adoptionStatus = adoptionStatus
        self.lastChangedAt = lastChangedAt
        self.defaultScale = defaultScale
        self.masteryPolicy = masteryPolicy
    }

    /// The scale that applies to `competency`: its own override, else the framework default.
    public func scale(for competency: Competency) -> ProficiencyScale {
        competency.scaleOverride ?? defaultScale
    }
}
