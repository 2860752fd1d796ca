/// A package's `CFDefinitions`.
public struct CASEDefinitions: Sendable, Hashable {
    /// `CFItemTypes`.
    public var itemTypes: [CASEDefinition]
    /// `CFConcepts`.
    public var concepts: [CASEDefinition]
    /// `CFSubjects`.
    public var subjects: [CASEDefinition]
    /// `CFLicenses`.
    public var licenses: [CASEDefinition]
    /// `CFAssociationGroupings`.
    public var associationGroupings: [CASEDefinition]
    /// Any other member of `CFDefinitions`, verbatim.
    public var extra: JSONObject

    /// The list names CASE defines, in 1.1 order.
    public static let listNames = ["CFConcepts", "CFSubjects", "CFLicenses", "CFItemTypes", "CFAssociationGroupings"]

    /// Makes definitions.
    public init(itemTypes: [CASEDefinition] = [], concepts: [CASEDefinition] = [], subjects: [CASEDefinition] = [],
                licenses: [CASEDefinition] = [], associationGroupings: [CASEDefinition] = [], extra: JSONObject = JSONObject()) {
        self.itemTypes = itemTypes
        self.concepts = concepts
        self.subjects = subjects
        self.licenses = licenses
        self.associationGroupings = associationGroupings
        self.extra = extra
    }

    /// The list with a CASE name (`CFItemTypes` …).
    public subscript(list name: String) -> [CASEDefinition] {
        get {
            switch name {
            case "CFItemTypes": itemTypes
            case "CFConcepts": concepts
            case "CFSubjects": subjects
            case "CFLicenses": licenses
            case "CFAssociationGroupings": associationGroupings
            default: []
            }
        }
        set {
            switch name {
            case "CFItemTypes": itemTypes = newValue
            case "CFConcepts": concepts = newValue
            case "CFSubjects": subjects = newValue
            case "CFLicenses": licenses = newValue
            case "CFAssociationGroupings": associationGroupings = newValue
            default: break
            }
        }
    }

    /// Whether nothing is defined.
    public var isEmpty: Bool {
        itemTypes.isEmpty && concepts.isEmpty && subjects.isEmpty && licenses.isEmpty && associationGroupings.isEmpty && extra.isEmpty
    }
}
