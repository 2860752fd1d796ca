import Foundation
import Testing
import PathfolioCore
import PathfolioInterop

struct FrameworkExpectation: Sendable, CustomStringConvertible {
    let file: String
    let items: Int
    let associations: Int
    let warnings: Int
    var description: String { file }
}

@Suite("Real CASE frameworks import")
struct CASEFrameworkImportTests {
    static let frameworks: [FrameworkExpectation] = [
        .init(file: "act-holistic-framework-math-excerpt.json", items: 28, associations: 28, warnings: 0),
        // 21 oddities + one package-wide warning for zone-less date-times.
        .init(file: "opensalt-sample-what-standards-could-be-2017-legacy.json", items: 16, associations: 39, warnings: 22),
        // 38 published items, one identifier repeated with different content (last wins, warned).
        .init(file: "sbac-ela-grade-3-claim-1-target-1-item-spec.json", items: 37, associations: 56, warnings: 11),
        // 3,368 published associations, one repeated with identical content (merged silently).
        .init(file: "sbac-math-content-specification.json", items: 585, associations: 3_367, warnings: 4),
        .init(file: "sbac-math-grades-3-5-claim-2-item-spec.json", items: 305, associations: 518, warnings: 9),
    ]

    @Test("imports with the expected counts", arguments: frameworks)
    func imports(expected: FrameworkExpectation) throws {
        let result = try Fixtures.reader.read(Fixtures.bytes(expected.file))
        #expect(result.items.count == expected.items)
        #expect(result.associations.count == expected.associations)
        #expect(result.warnings.count == expected.warnings, "\(result.warnings)")
        #expect(Set(result.items.map(\.competency.id)).count == result.items.count)
        #expect(result.items.allSatisfy { $0.competency.frameworkID == result.framework.id })
        #expect(!result.framework.title.isEmpty)
        #expect(result.framework.institutionID == Fixtures.institution)
    }

    @Test("the 2017 pre-1.0 OpenSALT export: each oddity is a warning naming its pointer")
    func legacyWarnings() throws {
        let result = try Fixtures.reader.read(Fixtures.bytes("opensalt-sample-what-standards-could-be-2017-legacy.json"))
        let pointers = result.warnings.map(\.pointer)
        #expect(pointers.filter { $0.hasSuffix("/educationalLevel") }.count == 16)
        #expect(pointers.contains("/CFItems/0/educationalLevel"))
        #expect(pointers.contains("/CFAssociations/15/sequenceNumber"))
        #expect(pointers.contains("/CFAssociations/31/sequenceNumber"))
        for index in 0..<3 { #expect(pointers.contains("/CFDefinitions/CFItemTypes/\(index)/description")) }
        #expect(result.warnings.contains { $0.pointer == "/CFDocument/lastChangeDateTime" && $0.message.contains("without a time zone") })

        let first = try #require(result.items.first)
        #expect(first.competency.educationLevels == ["06"])
        #expect(first.competency.itemType == "Cluster")
        #expect(first.competency.humanCodingScheme == "CCSS.Math.Content.6.RP.A")
        #expect(result.items[2].listEnumeration == "1.")
        #expect(result.items[2].competency.listPosition == 1)
        #expect(result.associations[15].association.sequenceNumber == 1)
        // Unmodelled members are kept per object.
        #expect(first.extra["language"] == .string("en"))
        #expect(first.extra["CFItemAssociationURI"] != nil)
        #expect(result.document.extra["CFPackageURI"] != nil)
        #expect(result.definitions.itemTypes.count == 3)
        #expect(result.definitions.itemTypes[0].members["typeCode"] == .string("Cluster"))
        #expect(result.framework.adoptionStatus == "Draft")
        // Associations to the document itself are kept (the document is in the package).
        #expect(result.associations[15].destination.identifier == result.framework.id.description)
        // precedes / exemplar / exactMatchOf are read in CASE's vocabulary.
        let types = Set(result.associations.map(\.association.type))
        #expect(types == [.exactMatchOf, .isChildOf, .precedes, .exemplar, .isRelatedTo])
    }

    @Test("CASE 1.0 shape: document, items and associations as SBAC publishes them")
    func sbacFields() throws {
        let result = try Fixtures.reader.read(Fixtures.bytes("sbac-math-grades-3-5-claim-2-item-spec.json"))
        let framework = result.framework
        #expect(framework.creator.isEmpty == false)
        #expect(framework.subjects.isEmpty == false)
        #expect(result.document.extra["publisher"] != nil)
        #expect(result.document.extra["subjectURI"] != nil)
        #expect(result.document.extra["CFPackageURI"] != nil)
        #expect(result.items.allSatisfy { $0.extra["CFDocumentURI"] != nil })
        #expect(result.associations.allSatisfy { $0.extra["CFDocumentURI"] != nil })
        #expect(result.definitions.itemTypes.isEmpty == false)
        let graph = try CompetencyGraph(competencies: result.competencies, associations: result.coreAssociations)
        #expect(graph.count == 305)
    }

    @Test("repeated identifiers: identical merged silently, different → last wins with a warning")
    func duplicates() throws {
        let ela = try Fixtures.reader.read(Fixtures.bytes("sbac-ela-grade-3-claim-1-target-1-item-spec.json"))
        let warning = try #require(ela.warnings.first { $0.pointer == "/CFItems/3" })
        #expect(warning.message.contains("/CFItems/2"))
        let raw = try JSONParser().parse(Fixtures.bytes("sbac-ela-grade-3-claim-1-target-1-item-spec.json"))
        let last = try #require(raw["CFItems"]?.arrayValue?[3])
        let kept = try #require(ela.items.first { $0.competency.id.description == last["identifier"]?.stringValue })
        #expect(kept.competency.fullStatement == last["fullStatement"]?.stringValue)
        #expect(ela.items[2].competency.id == kept.competency.id)
    }

    @Test("the largest framework imports in well under a second (printed, not asserted)")
    func timing() throws {
        let bytes = try Fixtures.bytes("sbac-math-content-specification.json")
        let clock = ContinuousClock()
        var best = Duration.seconds(1000)
        for _ in 0..<3 {
            let start = clock.now
            _ = try Fixtures.reader.read(bytes)
            best = min(best, clock.now - start)
        }
        print("CASE import of sbac-math-content-specification.json (585 items, 3,368 associations): best of 3 \(best)")
    }
}
