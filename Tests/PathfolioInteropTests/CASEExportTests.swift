import Foundation
import Testing
import PathfolioCore
import PathfolioInterop

@Suite("CASE 1.1 export and round trip")
struct CASEExportTests {
    static let files = CASEFrameworkImportTests.frameworks.map(\.file)
    let writer = CASEPackageWriter()

    /// Members 1.1 allows on each object of a package (schema `additionalProperties: false`).
    static let documentMembers: Set<String> = [
        "identifier", "uri", "frameworkType", "caseVersion", "creator", "title", "lastChangeDateTime", "officialSourceURL",
        "publisher", "description", "subject", "subjectURI", "language", "version", "adoptionStatus", "statusStartDate",
        "statusEndDate", "licenseURI", "notes", "extensions",
    ]
    static let itemMembers: Set<String> = [
        "identifier", "fullStatement", "alternativeLabel", "CFItemType", "uri", "humanCodingScheme", "listEnumeration",
        "abbreviatedStatement", "conceptKeywords", "conceptKeywordsURI", "notes", "subject", "subjectURI", "language",
        "educationLevel", "CFItemTypeURI", "licenseURI", "statusStartDate", "statusEndDate", "lastChangeDateTime", "extensions",
    ]
    static let associationMembers: Set<String> = [
        "identifier", "associationType", "sequenceNumber", "uri", "originNodeURI", "destinationNodeURI",
        "CFAssociationGroupingURI", "lastChangeDateTime", "notes", "extensions",
    ]

    func requireStrings(_ object: JSONValue, _ keys: [String], _ context: String) {
        for key in keys { #expect(object[key]?.stringValue != nil, "\(context): \(key) missing or not a string") }
    }

    func checkLink(_ value: JSONValue?, _ context: String) {
        guard let object = value?.objectValue else { Issue.record("\(context): not a link object"); return }
        requireStrings(.object(object), ["title", "identifier", "uri"], context)
        #expect(Set(object.keys).isSubset(of: ["title", "identifier", "uri", "targetType"]), "\(context): \(object.keys)")
    }

    @Test("export has 1.1's structural essentials", arguments: files)
    func structure(file: String) throws {
        let model = try Fixtures.reader.read(Fixtures.bytes(file))
        let package = writer.package(model)
        let root = try #require(package.objectValue)
        #expect(Set(root.keys).isSubset(of: ["CFDocument", "CFItems", "CFAssociations", "CFDefinitions", "CFRubrics", "extensions"]))
        let document = try #require(package["CFDocument"])
        requireStrings(document, ["identifier", "uri", "creator", "title", "lastChangeDateTime"], "CFDocument")
        #expect(Set(try #require(document.objectValue).keys).isSubset(of: Self.documentMembers))
        if let subjects = document["subject"] { #expect(subjects.arrayValue?.allSatisfy { $0.stringValue != nil } == true) }
        let items = try #require(package["CFItems"]?.arrayValue)
        #expect(items.count == model.items.count)
        for (index, item) in items.enumerated() {
            requireStrings(item, ["identifier", "fullStatement", "uri", "lastChangeDateTime"], "CFItems/\(index)")
            #expect(Set(try #require(item.objectValue).keys).isSubset(of: Self.itemMembers))
            if let levels = item["educationLevel"] { #expect(levels.arrayValue?.allSatisfy { $0.stringValue != nil } == true) }
            if item["CFItemTypeURI"] != nil { checkLink(item["CFItemTypeURI"], "CFItems/\(index)/CFItemTypeURI") }
        }
        let associations = try #require(package["CFAssociations"]?.arrayValue)
        #expect(associations.count == model.associations.count)
        for (index, association) in associations.enumerated() {
            requireStrings(association, ["identifier", "associationType", "uri", "lastChangeDateTime"], "CFAssociations/\(index)")
            #expect(Set(try #require(association.objectValue).keys).isSubset(of: Self.associationMembers))
            checkLink(association["originNodeURI"], "CFAssociations/\(index)/originNodeURI")
            checkLink(association["destinationNodeURI"], "CFAssociations/\(index)/destinationNodeURI")
            if let sequence = association["sequenceNumber"] { #expect(sequence.intValue != nil) }
        }
        let itemTypes = try #require(package["CFDefinitions"]?["CFItemTypes"]?.arrayValue)
        for type in itemTypes {
            requireStrings(type, ["identifier", "uri", "title", "description", "hierarchyCode", "lastChangeDateTime"], "CFItemType")
        }
    }

    @Test("import → export → import gives the same model", arguments: files)
    func roundTrip(file: String) throws {
        let first = try Fixtures.reader.read(Fixtures.bytes(file))
        let exported = writer.packageBytes(first)
        let second = try Fixtures.reader.read(exported)
        #expect(second.model == first.model)
        #expect(second.warnings.isEmpty, "\(second.warnings.prefix(3))")
        // And the export of the re-import is byte-identical: the translation is stable.
        #expect(writer.packageBytes(second) == exported)
    }

    @Test("unknown members survive, number text exactly, non-1.1 members under extensions")
    func unknownMembersSurvive() throws {
        let text = Fixtures.package(
            associations: "[" + Fixtures.association(1, "ext:isCrossListedWith", Fixtures.a, Fixtures.b) + "]",
            itemExtra: #", "x-weight": 1.0, "notes": "n", "CFDocumentURI": "https://example.org/D""#,
            documentExtra: #", "description": "d", "x-publisher": {"z": 1.50, "a": [true, null]}, "extensions": {"x-kept": "k"}"#,
            packageExtra: #", "CFPackageURI": "https://example.org/P", "x-top": 3"#
        )
        let first = try Fixtures.reader.read(Array(text.utf8))
        let package = writer.package(first)
        #expect(package["CFDocument"]?["description"] == .string("d"))
        #expect(package["CFDocument"]?["extensions"]?["x-publisher"]?.serialized() == #"{"z":1.50,"a":[true,null]}"#)
        #expect(package["CFDocument"]?["extensions"]?["x-kept"] == .string("k"))
        let item = try #require(package["CFItems"]?.arrayValue?.first)
        #expect(item["notes"] == .string("n"))
        #expect(item["extensions"]?["x-weight"]?.serialized() == "1.0")
        #expect(item["extensions"]?["CFDocumentURI"] == .string("https://example.org/D"))
        #expect(package["CFAssociations"]?.arrayValue?.first?["associationType"] == .string("ext:isCrossListedWith"))
        #expect(package["extensions"]?["x-top"] == .number("3"))
        let second = try Fixtures.reader.read(package.serializedBytes())
        #expect(second.model == first.model)
        #expect(second.items[0].extra["x-weight"] == .number("1.0"))
        #expect(second.associations[0].association.type == .extension("ext:isCrossListedWith"))
    }

    @Test("REST reads: CFDocument, CFDocuments, CFItem, CFAssociation carry 1.1's required members")
    func restReads() throws {
        let model = try Fixtures.reader.read(Fixtures.bytes("sbac-ela-grade-3-claim-1-target-1-item-spec.json"))
        let document = writer.document(model.document)
        requireStrings(document, ["identifier", "uri", "creator", "title", "lastChangeDateTime"], "CFDocument")
        checkLink(document["CFPackageURI"], "CFDocument/CFPackageURI")
        #expect(document["extensions"]?["CFPackageURI"] == nil)
        let list = writer.documents([model.document])
        #expect(list["CFDocuments"]?.arrayValue?.count == 1)
        let item = writer.item(model.items[0], in: model.document)
        requireStrings(item, ["identifier", "fullStatement", "uri", "lastChangeDateTime"], "CFItem")
        checkLink(item["CFDocumentURI"], "CFItem/CFDocumentURI")
        #expect(item["CFDocumentURI"]?["identifier"] == .string(model.framework.id.description))
        let association = writer.association(model.associations[0], in: model.document)
        checkLink(association["CFDocumentURI"], "CFAssociation/CFDocumentURI")
        checkLink(association["originNodeURI"], "CFAssociation/originNodeURI")

        // The legacy export has CFPackageURI as a bare string: a link is built.
        let legacy = try Fixtures.reader.read(Fixtures.bytes("opensalt-sample-what-standards-could-be-2017-legacy.json"))
        let legacyDocument = writer.document(legacy.document)
        checkLink(legacyDocument["CFPackageURI"], "legacy CFPackageURI")
        #expect(legacyDocument["CFPackageURI"]?["uri"] == legacy.document.extra["CFPackageURI"])
    }

    /// Writes each export (and REST samples) to CASE_EXPORT_DIR when set, for
    /// `validate_case_export.py`.
    @Test("exports are written for the schema validator when CASE_EXPORT_DIR is set")
    func writeExports() throws {
        guard let directory = ProcessInfo.processInfo.environment["CASE_EXPORT_DIR"] else { return }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for file in Self.files {
            let model = try Fixtures.reader.read(Fixtures.bytes(file))
            let base = directory + "/" + file.replacingOccurrences(of: ".json", with: "")
            try Data(writer.packageBytes(model, pretty: true)).write(to: URL(fileURLWithPath: base + ".package.json"))
            try Data(writer.document(model.document).serializedBytes()).write(to: URL(fileURLWithPath: base + ".document.json"))
            try Data(writer.documents([model.document]).serializedBytes()).write(to: URL(fileURLWithPath: base + ".documents.json"))
            try Data(writer.item(model.items[0], in: model.document).serializedBytes()).write(to: URL(fileURLWithPath: base + ".item.json"))
            try Data(writer.association(model.associations[0], in: model.document).serializedBytes())
                .write(to: URL(fileURLWithPath: base + ".association.json"))
        }
    }
}
