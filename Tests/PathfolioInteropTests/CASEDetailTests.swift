import Foundation
import Testing
import PathfolioCore
import PathfolioInterop

@Suite("CASE details")
struct CASEDetailTests {
    @Test("date-times as publishers write them", arguments: [
        ("2018-03-01T21:01:43+00:00", 1_519_938_103.0),
        ("2018-03-01T22:01:43+01:00", 1_519_938_103.0),
        ("2018-03-01T21:01:43Z", 1_519_938_103.0),
        ("2018-03-01T21:01:43.250Z", 1_519_938_103.25),
        ("2018-03-01T21:01:43", 1_519_938_103.0),
        ("2018-03-01", 1_519_862_400.0),
    ])
    func dateTimes(text: String, seconds: Double) throws {
        let date = try #require(CASEDateTime.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.001)
    }

    @Test("not date-times", arguments: ["", "2018-13-01T00:00:00Z", "2018-03-01T25:00:00Z", "yesterday", "2018-03-01T21:01:43Zx"])
    func notDateTimes(text: String) {
        #expect(CASEDateTime.parse(text) == nil)
    }

    @Test("a 1.1 extensions object is read back; a member clashing with a top-level one stays in extensions")
    func extensionsLifted() throws {
        let text = Fixtures.package(itemExtra: #", "notes": "top", "extensions": {"x-a": 1, "notes": "inner"}"#)
        let result = try Fixtures.reader.read(Array(text.utf8))
        let item = result.items[0]
        #expect(item.extra["x-a"] == .number("1"))
        #expect(item.extra["notes"] == .string("top"))
        #expect(item.extra["extensions"] == .object(JSONObject(["notes": .string("inner")])))
        let exported = CASEPackageWriter().package(result)
        let exportedItem = try #require(exported["CFItems"]?.arrayValue?.first)
        #expect(exportedItem["notes"] == .string("top"))
        #expect(exportedItem["extensions"]?["x-a"] == .number("1"))
        #expect(exportedItem["extensions"]?["notes"] == .string("inner"))
        #expect(try Fixtures.reader.read(CASEPackageWriter().packageBytes(result)).model == result.model)
    }

    @Test("a repeated identifier with identical content is merged without a warning")
    func identicalDuplicateMerged() throws {
        let association = Fixtures.association(1, "isChildOf", Fixtures.a, Fixtures.doc)
        let text = Fixtures.package(associations: "[\(association), \(association)]")
        let result = try Fixtures.reader.read(Array(text.utf8))
        #expect(result.associations.count == 1)
        #expect(result.warnings.isEmpty)
    }

    @Test("a non-UUID node identifier is kept, with a stable name-based core identifier")
    func nonUUIDNode() throws {
        let association = Fixtures.association(1, "exactMatchOf", Fixtures.a, "CCSS.Math.6.RP.A.1")
        let result = try Fixtures.reader.read(Array(Fixtures.package(associations: "[\(association)]").utf8))
        let record = try #require(result.associations.first)
        #expect(record.destination.identifier == "CCSS.Math.6.RP.A.1")
        let derived: CompetencyID = CASENodeReference.coreIdentifier("CCSS.Math.6.RP.A.1")
        #expect(record.association.destination == derived)
        #expect(derived != CASENodeReference.coreIdentifier("CCSS.Math.6.RP.A.2") as CompetencyID)
        #expect(result.warnings.contains { $0.pointer == "/CFAssociations/0/destinationNodeURI/identifier" })
        let exported = CASEPackageWriter().package(result)
        #expect(exported["CFAssociations"]?.arrayValue?.first?["destinationNodeURI"]?["identifier"] == .string("CCSS.Math.6.RP.A.1"))
    }

    @Test("extension and unknown association types are kept verbatim")
    func associationTypes() throws {
        let text = Fixtures.package(associations: "[" + [
            Fixtures.association(1, "ext:hasCourseCode", Fixtures.a, Fixtures.b),
            Fixtures.association(2, "isSimilarTo", Fixtures.b, Fixtures.c),
        ].joined(separator: ",") + "]")
        let result = try Fixtures.reader.read(Array(text.utf8))
        #expect(result.associations.map(\.association.type) == [.extension("ext:hasCourseCode"), .unrecognized("isSimilarTo")])
        #expect(result.warnings.map(\.pointer) == ["/CFAssociations/1/associationType"])
        let types = CASEPackageWriter().package(result)["CFAssociations"]?.arrayValue?.compactMap { $0["associationType"]?.stringValue }
        #expect(types == ["ext:hasCourseCode", "isSimilarTo"])
    }
}
