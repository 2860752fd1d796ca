/// A CASE association type, with CASE's vocabulary exactly (SPEC §1.2).
///
/// Nothing is dropped: `ext:` types are kept verbatim in ``extension(_:)`` and any other
/// unknown string in ``unrecognized(_:)``, so an import → export round trip is lossless.
public enum AssociationType: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `isChildOf`: the origin is a child of the destination (the hierarchy).
    case isChildOf
    /// `precedes`: the origin should be mastered before the destination (a prerequisite).
    case precedes
    /// `isRelatedTo`.
    case isRelatedTo
    /// `exactMatchOf`.
    case exactMatchOf
    /// `isPartOf`.
    case isPartOf
    /// `replacedBy`.
    case replacedBy
    /// `exemplar`.
    case exemplar
    /// `hasSkillLevel`.
    case hasSkillLevel
    /// `isPeerOf`.
    case isPeerOf
    /// `isTranslationOf` (CASE 1.1).
    case isTranslationOf
    /// An extension type, `ext:` prefix included (e.g. `ext:isCrossListedWith`).
    case `extension`(String)
    /// Any other string a publisher used, kept as written.
    case unrecognized(String)

    /// The CASE-defined types, in the order SPEC §1.2 lists them.
    public static let caseTypes: [AssociationType] = [
        .isChildOf, .precedes, .isRelatedTo, .exactMatchOf, .isPartOf, .replacedBy, .exemplar,
        .hasSkillLevel, .isPeerOf, .isTranslationOf,
    ]

    /// Reads a type as published; never fails.
    public init(rawValue: String) {
        if let known = AssociationType.caseTypes.first(where: { $0.rawValue == rawValue }) {
            self = known
        } else if rawValue.hasPrefix("ext:") {
            self = .extension(rawValue)
        } else {
            self = .unrecognized(rawValue)
        }
    }

    /// The string as CASE (or the publisher) writes it.
    public var rawValue: String {
        switch self {
        case .isChildOf: "isChildOf"
        case .precedes: "precedes"
        case .isRelatedTo: "isRelatedTo"
        case .exactMatchOf: "exactMatchOf"
        case .isPartOf: "isPartOf"
        case .replacedBy: "replacedBy"
        case .exemplar: "exemplar"
        case .hasSkillLevel: "hasSkillLevel"
        case .isPeerOf: "isPeerOf"
        case .isTranslationOf: "isTranslationOf"
        case .extension(let raw), .unrecognized(let raw): raw
        }
    }

    /// The raw string.
    public var description: String { rawValue }

    /// Decodes the form ``encode(to:)`` writes, with the same checks as the initializers.
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the canonical form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
