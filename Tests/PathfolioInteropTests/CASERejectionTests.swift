import Testing
import PathfolioCore
import PathfolioInterop

@Suite("CASE rejections name the JSON pointer")
struct CASERejectionTests {
    func rejection(_ text: String, reader: CASEPackageReader = Fixtures.reader) -> CASEImportError? {
        do {
            _ = try reader.read(Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test("not JSON")
    func notJSON() throws {
        let error = try #require(rejection("this is not JSON"))
        #expect(error.kind == .notJSON)
        #expect(error.pointer == "")
        let nested = try #require(rejection(#"{"CFDocument": {"identifier": tru}}"#))
        #expect(nested.kind == .notJSON)
        #expect(nested.pointer == "/CFDocument/identifier")
        let notObject = try #require(rejection("[1, 2]"))
        #expect(notObject.kind == .malformed)
    }

    @Test("no CFDocument identifier")
    func missingIdentifier() throws {
        let noIdentifier = try #require(rejection(#"{"CFDocument": {"title": "x"}, "CFItems": []}"#))
        #expect(noIdentifier.kind == .missingDocumentIdentifier)
        #expect(noIdentifier.pointer == "/CFDocument/identifier")
        let noDocument = try #require(rejection(#"{"CFItems": []}"#))
        #expect(noDocument.pointer == "/CFDocument")
        let notUUID = try #require(rejection(#"{"CFDocument": {"identifier": "abc"}}"#))
        #expect(notUUID.kind == .missingDocumentIdentifier)
        let badItem = try #require(rejection(Fixtures.package().replacingOccurrences(of: Fixtures.b, with: "not-a-uuid")))
        #expect(badItem.kind == .invalidIdentifier)
        #expect(badItem.pointer == "/CFItems/1/identifier")
    }

    @Test("an association with both ends outside the package and unknown; one end outside is kept")
    func bothEndsOutside() throws {
        let outside1 = "eeeeeeee-0000-4000-8000-000000000001", outside2 = "eeeeeeee-0000-4000-8000-000000000002"
        let text = Fixtures.package(associations: "[" + [
            Fixtures.association(1, "isChildOf", Fixtures.a, Fixtures.doc),
            Fixtures.association(2, "exactMatchOf", Fixtures.b, outside1),
            Fixtures.association(3, "isRelatedTo", outside1, outside2),
        ].joined(separator: ",") + "]")
        let error = try #require(rejection(text))
        #expect(error.kind == .danglingAssociation)
        #expect(error.pointer == "/CFAssociations/2")
        // Known to the institution: accepted, the external end kept as a reference.
        let reader = CASEPackageReader(institutionID: Fixtures.institution, knownIdentifiers: [outside2.uppercased()])
        let result = try reader.read(Array(text.utf8))
        #expect(result.associations.count == 3)
        #expect(result.associations[1].destination.identifier == outside1)
        #expect(result.associations[1].destination.uri == "https://example.org/" + outside1)
        #expect(result.associations[1].association.destination == CompetencyID(outside1)!)
    }

    @Test("a precedes cycle is refused and named")
    func cycle() throws {
        let text = Fixtures.package(associations: "[" + [
            Fixtures.association(1, "isChildOf", Fixtures.a, Fixtures.doc),
            Fixtures.association(2, "precedes", Fixtures.a, Fixtures.b),
            Fixtures.association(3, "precedes", Fixtures.b, Fixtures.c),
            Fixtures.association(4, "precedes", Fixtures.c, Fixtures.a),
        ].joined(separator: ",") + "]")
        let error = try #require(rejection(text))
        #expect(error.kind == .cycle)
        #expect(error.cycle.count == 4)
        #expect(error.cycle.first == error.cycle.last)
        #expect(Set(error.cycle) == ["A", "B", "C"])
        #expect(error.message.contains("→"))
        #expect(["/CFAssociations/1", "/CFAssociations/2", "/CFAssociations/3"].contains(error.pointer), "\(error)")
        // Without the closing edge it imports.
        let acyclic = text.replacingOccurrences(of: "\"associationType\": \"precedes\", \"uri\": \"https://example.org/as/4\"",
                                                with: "\"associationType\": \"isRelatedTo\", \"uri\": \"https://example.org/as/4\"")
        #expect(rejection(acyclic) == nil)
    }

    @Test("nesting deeper than 64 is refused with its pointer")
    func tooDeep() throws {
        let deep = String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
        let text = Fixtures.package(documentExtra: #", "x-deep": "# + deep)
        let error = try #require(rejection(text))
        #expect(error.kind == .tooDeep)
        #expect(error.pointer.hasPrefix("/CFDocument/x-deep/0/0"))
        // 64 levels in all is fine (package 1 + document 2 + 62 arrays).
        let fits = String(repeating: "[", count: 62) + String(repeating: "]", count: 62)
        #expect(rejection(Fixtures.package(documentExtra: #", "x-deep": "# + fits)) == nil)
    }

    @Test("odd but understood shapes are warnings, not rejections")
    func oddities() throws {
        let text = """
        {"CFDocument": {"identifier": "\(Fixtures.doc)", "uri": "u", "title": "T", "creator": "C",
           "lastChangeDateTime": "2017-05-25T18:05:33", "subject": "Math"},
         "CFItems": [{"identifier": "\(Fixtures.a)", "uri": "u", "fullStatement": "A", "educationLevel": "09, 10",
           "lastChangeDateTime": "2017-05-25T18:05:33Z", "listEnumeration": 3}],
         "CFAssociations": [{"identifier": "\(Fixtures.b)", "associationType": "isChildOf", "uri": "u",
           "originNodeURI": "https://example.org/uri/\(Fixtures.a)", "destinationNodeURI": {"identifier": "\(Fixtures.doc)", "uri": "u"},
           "sequenceNumber": "7", "lastChangeDateTime": "2017-05-25T18:05:33Z"}],
         "CFDefinitions": {"CFItemTypes": {"identifier": "\(Fixtures.c)", "uri": "u", "title": "T", "hierarchyCode": "1",
           "lastChangeDateTime": "2017-05-25T18:05:33Z"}}}
        """
        let result = try Fixtures.reader.read(Array(text.utf8))
        let pointers = Set(result.warnings.map(\.pointer))
        #expect(pointers.isSuperset(of: [
            "/CFDocument/subject", "/CFItems/0/educationLevel", "/CFItems/0/listEnumeration",
            "/CFAssociations/0/originNodeURI", "/CFAssociations/0/destinationNodeURI/title", "/CFAssociations/0/sequenceNumber",
            "/CFDefinitions/CFItemTypes", "/CFDefinitions/CFItemTypes/description", "/CFDocument/lastChangeDateTime",
        ]), "\(result.warnings)")
        #expect(result.framework.subjects == ["Math"])
        #expect(result.items[0].competency.educationLevels == ["09", "10"])
        #expect(result.items[0].listEnumeration == "3")
        #expect(result.associations[0].origin.identifier == Fixtures.a)
        #expect(result.associations[0].association.sequenceNumber == 7)
        #expect(result.definitions.itemTypes.count == 1)
        #expect(result.document.lastChangeDateTime == "2017-05-25T18:05:33Z")
    }
}
