public import PathfolioCore

/// A competency to save: the core value plus what the database keeps beside it.
public struct CompetencyRecord: Sendable, Hashable {
    /// The competency (its ``Competency/frameworkID`` must be the saved framework's).
    public var competency: Competency
    /// CASE `listEnumeration` exactly as published, when there is one.
    public var listEnumeration: String?
    /// The item's CASE 1.1 JSON (`CFItem`, as in a package), stored verbatim.
    public var caseJSON: String

    /// Makes a record.
    public init(competency: Competency, listEnumeration: String?, caseJSON: String) {
        self.competency = competency
        self.listEnumeration = listEnumeration
        self.caseJSON = caseJSON
    }
}
