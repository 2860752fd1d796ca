/// The members CASE 1.1 defines for each object of a package, with the JSON shape each must have
/// (from `case_v1p1_cfpackage-jsonschema1.json`). The writer uses it to decide what stays at the
/// top of an object and what goes under `extensions`.
enum CASEVocabulary {
    enum Shape {
        case string
        case stringArray
        case integer
        /// `LinkURI` / `LinkGenURI`: an object with string `title`, `identifier`, `uri` (and, for
        /// LinkGenURI, an optional string `targetType`), nothing else.
        case link
        case linkArray
        /// A fixed string value (`caseVersion` must be `"1.1"`).
        case constant(String)
    }

    static let document: [String: Shape] = [
        "identifier": .string, "uri": .string, "frameworkType": .string, "caseVersion": .constant("1.1"),
        "creator": .string, "title": .string, "lastChangeDateTime": .string, "officialSourceURL": .string,
        "publisher": .string, "description": .string, "subject": .stringArray, "subjectURI": .linkArray,
        "language": .string, "version": .string, "adoptionStatus": .string, "statusStartDate": .string,
        "statusEndDate": .string, "licenseURI": .link, "notes": .string,
    ]

    static let item: [String: Shape] = [
        "identifier": .string, "fullStatement": .string, "alternativeLabel": .string, "CFItemType": .string,
        "uri": .string, "humanCodingScheme": .string, "listEnumeration": .string, "abbreviatedStatement": .string,
        "conceptKeywords": .stringArray, "conceptKeywordsURI": .link, "notes": .string, "subject": .stringArray,
        "subjectURI": .linkArray, "language": .string, "educationLevel": .stringArray, "CFItemTypeURI": .link,
        "licenseURI": .link, "statusStartDate": .string, "statusEndDate": .string, "lastChangeDateTime": .string,
    ]

    static let association: [String: Shape] = [
        "identifier": .string, "associationType": .string, "sequenceNumber": .integer, "uri": .string,
        "originNodeURI": .link, "destinationNodeURI": .link, "CFAssociationGroupingURI": .link,
        "lastChangeDateTime": .string, "notes": .string,
    ]

    static let linkGen: [String: Shape] = ["title": .string, "identifier": .string, "uri": .string, "targetType": .string]

    /// Members of each `CFDefinitions` list entry, and which are required.
    static let definitions: [String: (members: [String: Shape], required: [String])] = [
        "CFItemTypes": (
            ["identifier": .string, "uri": .string, "title": .string, "description": .string,
             "hierarchyCode": .string, "typeCode": .string, "lastChangeDateTime": .string],
            ["identifier", "uri", "title", "description", "hierarchyCode", "lastChangeDateTime"]
        ),
        "CFConcepts": (
            ["identifier": .string, "uri": .string, "title": .string, "keywords": .string,
             "hierarchyCode": .string, "description": .string, "lastChangeDateTime": .string],
            ["identifier", "uri", "title", "hierarchyCode", "lastChangeDateTime"]
        ),
        "CFSubjects": (
            ["identifier": .string, "uri": .string, "title": .string, "hierarchyCode": .string,
             "description": .string, "lastChangeDateTime": .string],
            ["identifier", "uri", "title", "hierarchyCode", "lastChangeDateTime"]
        ),
        "CFLicenses": (
            ["identifier": .string, "uri": .string, "title": .string, "description": .string,
             "licenseText": .string, "lastChangeDateTime": .string],
            ["identifier", "uri", "title", "licenseText", "lastChangeDateTime"]
        ),
        "CFAssociationGroupings": (
            ["identifier": .string, "uri": .string, "title": .string, "description": .string,
             "lastChangeDateTime": .string],
            ["identifier", "uri", "title", "lastChangeDateTime"]
        ),
    ]

    /// Whether `value` has the JSON shape 1.1 requires.
    static func conforms(_ value: JSONValue, to shape: Shape) -> Bool {
        switch shape {
        case .string: return value.stringValue != nil
        case .constant(let text): return value.stringValue == text
        case .integer: return value.intValue != nil
        case .stringArray: return value.arrayValue?.allSatisfy { $0.stringValue != nil } ?? false
        case .link: return isLink(value)
        case .linkArray: return value.arrayValue?.allSatisfy(isLink) ?? false
        }
    }

    static func isLink(_ value: JSONValue) -> Bool {
        guard let object = value.objectValue else { return false }
        for required in ["title", "identifier", "uri"] where object[required]?.stringValue == nil { return false }
        return object.allSatisfy { linkGen[$0.key] != nil && $0.value.stringValue != nil }
    }
}
