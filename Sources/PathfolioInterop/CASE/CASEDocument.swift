public import PathfolioCore

/// A CASE `CFDocument`: the core ``Framework`` plus what the core does not model.
public struct CASEDocument: Sendable, Hashable {
    /// The framework (identifier, uri, title, creator, version, subjects, language, adoption
    /// status, last change time).
    public var framework: Framework
    /// `lastChangeDateTime` exactly as published (the core keeps it as a `Date`).
    public var lastChangeDateTime: String
    /// Every member not modelled (description, publisher, officialSourceURL, notes, subjectURI,
    /// licenseURI, CFPackageURI, caseVersion, …), verbatim and in order.
    public var extra: JSONObject

    /// Makes a document.
    public init(framework: Framework, lastChangeDateTime: String, extra: JSONObject = JSONObject()) {
        self.framework = framework
        self.lastChangeDateTime = lastChangeDateTime
        self.extra = extra
    }
}
