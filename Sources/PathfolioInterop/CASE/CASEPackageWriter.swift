import Foundation
import PathfolioCore

/// Writes the model as CASE 1.1 JSON: a whole `CFPackage`, or the single objects of CASE 1.1's
/// REST reads (`CFDocument`, `CFDocuments`, `CFItem`, `CFAssociation`).
///
/// Modelled members come first, in 1.1's order; then every kept member that 1.1 defines for that
/// object (with the shape 1.1 requires), in the order it was published; every other kept member
/// (1.0 names such as `CFDocumentURI`, `CFPackageURI`, `CFItemAssociationURI`, publisher
/// extensions, or a 1.1 member of the wrong shape) goes under `extensions`, verbatim.
public struct CASEPackageWriter: Sendable {
    /// Makes a writer.
    public init() {}

    // MARK: Package

    /// The whole package (`CFPackage`).
    public func package(_ model: CASEImport) -> JSONValue {
        var root = JSONObject()
        root["CFDocument"] = .object(packageDocument(model.document))
        root["CFItems"] = .array(model.items.map { .object(packageItem($0)) })
        root["CFAssociations"] = .array(model.associations.map { .object(packageAssociation($0)) })
        root["CFDefinitions"] = .object(definitions(model.definitions))
        var extensions = JSONObject()
        for member in model.extra {
            if member.key == "CFRubrics", root["CFRubrics"] == nil, member.value.arrayValue != nil {
                root["CFRubrics"] = member.value
            } else if member.key == "extensions", case .object(let nested) = member.value {
                for inner in nested { extensions[inner.key] = inner.value }
            } else {
                extensions[member.key] = member.value
            }
        }
        if !extensions.isEmpty { root["extensions"] = .object(extensions) }
        return .object(root)
    }

    /// The package as UTF-8 JSON.
    public func packageBytes(_ model: CASEImport, pretty: Bool = false) -> [UInt8] {
        package(model).serializedBytes(pretty: pretty)
    }

    // MARK: REST reads

    /// `GET /ims/case/v1p1/CFDocuments/{id}`: a 1.1 `CFDocument` (with its required `CFPackageURI`).
    public func document(_ document: CASEDocument) -> JSONValue {
        var object = packageDocument(document)
        var extensions = object.removeValue(forKey: "extensions")?.objectValue ?? JSONObject()
        let link: JSONValue
        if let kept = extensions["CFPackageURI"], CASEVocabulary.isLink(kept) {
            link = kept
            extensions.removeValue(forKey: "CFPackageURI")
        } else {
            let uri = extensions["CFPackageURI"]?.stringValue ?? document.framework.uri
            if extensions["CFPackageURI"]?.stringValue != nil { extensions.removeValue(forKey: "CFPackageURI") }
            link = linkURI(title: document.framework.title, identifier: document.framework.id.description, uri: uri)
        }
        object["CFPackageURI"] = link
        if !extensions.isEmpty { object["extensions"] = .object(extensions) }
        return .object(object)
    }

    /// `GET /ims/case/v1p1/CFDocuments`: `{"CFDocuments": [...]}`.
    public func documents(_ documents: [CASEDocument]) -> JSONValue {
        .object(JSONObject(["CFDocuments": .array(documents.map { self.document($0) })]))
    }

    /// `GET /ims/case/v1p1/CFItems/{id}`: a 1.1 `CFItem` (with its required `CFDocumentURI`,
    /// pointing at `document`).
    public func item(_ item: CASEItem, in document: CASEDocument) -> JSONValue {
        var object = packageItem(item)
        object["CFDocumentURI"] = documentLink(&object, document)
        return .object(object)
    }

    /// `GET /ims/case/v1p1/CFAssociations/{id}`: a 1.1 `CFAssociation`, with `CFDocumentURI` when
    /// the document is given.
    public func association(_ association: CASEAssociation, in document: CASEDocument? = nil) -> JSONValue {
        var object = packageAssociation(association)
        if let document { object["CFDocumentURI"] = documentLink(&object, document) }
        return .object(object)
    }

    /// The document's LinkURI; a kept 1.0 `CFDocumentURI` link is used (and taken out of
    /// `extensions`) when it is one.
    private func documentLink(_ object: inout JSONObject, _ document: CASEDocument) -> JSONValue {
        var extensions = object.removeValue(forKey: "extensions")?.objectValue ?? JSONObject()
        defer { if !extensions.isEmpty { object["extensions"] = .object(extensions) } }
        if let kept = extensions["CFDocumentURI"], CASEVocabulary.isLink(kept),
           kept["identifier"]?.stringValue?.lowercased() == document.framework.id.description {
            extensions.removeValue(forKey: "CFDocumentURI")
            return kept
        }
        return linkURI(title: document.framework.title, identifier: document.framework.id.description, uri: document.framework.uri)
    }

    private func linkURI(title: String, identifier: String, uri: String) -> JSONValue {
        .object(JSONObject(["title": .string(title), "identifier": .string(identifier), "uri": .string(uri)]))
    }

    // MARK: Objects

    func packageDocument(_ document: CASEDocument) -> JSONObject {
        let framework = document.framework
        var object = JSONObject()
        object["identifier"] = .string(framework.id.description)
        object["uri"] = .string(framework.uri)
        object["creator"] = .string(framework.creator)
        object["title"] = .string(framework.title)
        object["lastChangeDateTime"] = .string(document.lastChangeDateTime)
        if !framework.subjects.isEmpty { object["subject"] = .array(framework.subjects.map { .string($0) }) }
        if let language = framework.language { object["language"] = .string(language) }
        if let version = framework.version { object["version"] = .string(version) }
        if let status = framework.adoptionStatus { object["adoptionStatus"] = .string(status) }
        place(document.extra, into: &object, vocabulary: CASEVocabulary.document)
        return object
    }

    func packageItem(_ item: CASEItem) -> JSONObject {
        let competency = item.competency
        var object = JSONObject()
        object["identifier"] = .string(competency.id.description)
        object["fullStatement"] = .string(competency.fullStatement)
        if let type = competency.itemType { object["CFItemType"] = .string(type) }
        object["uri"] = .string(competency.uri)
        if let code = competency.humanCodingScheme { object["humanCodingScheme"] = .string(code) }
        if let enumeration = item.listEnumeration {
            object["listEnumeration"] = .string(enumeration)
        } else if let position = competency.listPosition {
            object["listEnumeration"] = .string(String(position))
        }
        if let abbreviated = competency.abbreviatedStatement { object["abbreviatedStatement"] = .string(abbreviated) }
        if !competency.educationLevels.isEmpty {
            object["educationLevel"] = .array(competency.educationLevels.map { .string($0) })
        }
        object["lastChangeDateTime"] = .string(item.lastChangeDateTime ?? "")
        place(item.extra, into: &object, vocabulary: CASEVocabulary.item)
        return object
    }

    func packageAssociation(_ record: CASEAssociation) -> JSONObject {
        var object = JSONObject()
        object["identifier"] = .string(record.association.id.description)
        object["associationType"] = .string(record.association.type.rawValue)
        if let sequence = record.association.sequenceNumber { object["sequenceNumber"] = .number(String(sequence)) }
        object["uri"] = .string(record.uri)
        object["originNodeURI"] = node(record.origin)
        object["destinationNodeURI"] = node(record.destination)
        object["lastChangeDateTime"] = .string(record.lastChangeDateTime ?? "")
        place(record.extra, into: &object, vocabulary: CASEVocabulary.association)
        return object
    }

    func node(_ reference: CASENodeReference) -> JSONValue {
        var object = JSONObject()
        object["title"] = .string(reference.title)
        object["identifier"] = .string(reference.identifier)
        object["uri"] = .string(reference.uri)
        for member in reference.extra { object[member.key] = member.value }
        return .object(object)
    }

    func definitions(_ definitions: CASEDefinitions) -> JSONObject {
        var object = JSONObject()
        for name in CASEDefinitions.listNames {
            let vocabulary = CASEVocabulary.definitions[name]!.members
            object[name] = .array(definitions[list: name].map { definition in
                var entry = JSONObject()
                place(definition.members, into: &entry, vocabulary: vocabulary)
                return .object(entry)
            })
        }
        place(definitions.extra, into: &object, vocabulary: [:])
        return object
    }

    /// Kept members: those 1.1 defines (with the right shape) at the top, the rest under `extensions`.
    func place(_ extra: JSONObject, into object: inout JSONObject, vocabulary: [String: CASEVocabulary.Shape]) {
        var extensions = object.removeValue(forKey: "extensions")?.objectValue ?? JSONObject()
        for member in extra {
            if member.key == "extensions", case .object(let nested) = member.value {
                for inner in nested { extensions[inner.key] = inner.value }
            } else if let shape = vocabulary[member.key], object[member.key] == nil,
                      CASEVocabulary.conforms(member.value, to: shape) {
                object[member.key] = member.value
            } else {
                extensions[member.key] = member.value
            }
        }
        if !extensions.isEmpty { object["extensions"] = .object(extensions) }
    }
}
