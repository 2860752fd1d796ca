import Foundation
import PathfolioAPI
import PathfolioCore
import PathfolioInterop
import PathfolioPostgres
import PathfolioTestSupport
import Testing

@Suite("Importing CASE frameworks into PostgreSQL")
struct FrameworkImportTests {
    /// What the reader alone makes of a fixture (no frameworks known beforehand).
    static func model(_ bytes: [UInt8], institution: InstitutionID) throws -> CASEImport {
        try CASEPackageReader(institutionID: institution).read(bytes)
    }

    @Test("every fixture imports: counts, warnings, rows, and the package reads back as the writer wrote it",
          arguments: CASEFixtures.files)
    func everyFixture(file: String) async throws {
        let school = try await FrameworkTestInstitution.make()
        let bytes = try CASEFixtures.bytes(file)
        let model = try Self.model(bytes, institution: school.institution)
        let result = try await school.importPackage(bytes)

        #expect(result.frameworkID == model.framework.id)
        #expect(result.title == model.framework.title)
        #expect(result.document == .created)
        #expect(result.items == RecordCounts(created: model.items.count))
        #expect(result.associations == RecordCounts(created: model.associations.count))
        #expect(result.warnings == model.warnings)
        #expect(try await school.rowCounts() == [1, model.items.count, model.associations.count, 1])

        let package = try await school.transaction { connection in
            try await CASEReadBodies(institution: school.institution).package(model.framework.id, on: connection)
        }
        #expect(package == CASEPackageWriter().packageBytes(model))
    }

    @Test("all fixtures into one institution: later frameworks resolve ends stored by earlier ones, the graph holds")
    func allIntoOneInstitution() async throws {
        let school = try await FrameworkTestInstitution.make()
        var items = 0, associations = 0
        for file in CASEFixtures.files {
            let result = try await school.importPackage(try CASEFixtures.bytes(file))
            #expect(result.document == .created, "\(file)")
            items += result.items.created
            associations += result.associations.created
        }
        let catalog = try await school.transaction { try await school.store.catalog(on: $0) }
        #expect(catalog.frameworks.count == CASEFixtures.files.count)
        #expect(catalog.competencies.count == items)
        #expect(catalog.associations.count == associations)
        let graph = try catalog.graph()
        #expect(graph.count == items)
        #expect(catalog.frameworks.allSatisfy { $0.masteryPolicy == MasteryPolicy() && $0.defaultScale == .fourPoint })
    }

    @Test("the largest framework imports in one transaction, with batched writes, in seconds (time printed)")
    func largest() async throws {
        let school = try await FrameworkTestInstitution.make()
        let bytes = try CASEFixtures.bytes(CASEFixtures.largest)
        let clock = ContinuousClock()
        let start = clock.now
        let result = try await school.importPackage(bytes)
        let first = clock.now - start
        #expect(result.items.created == 585)
        #expect(result.associations.created == 3_367)   // 3,368 published, one repeated identically
        // Every row was written by the same transaction as the audit entry.
        let writers = try await school.transaction { connection in
            try await connection.query("""
                SELECT count(DISTINCT xid) FROM (
                    SELECT xmin::text AS xid FROM frameworks UNION ALL SELECT xmin::text FROM competencies
                    UNION ALL SELECT xmin::text FROM competency_associations
                    UNION ALL SELECT xmin::text FROM audit_log WHERE action = 'framework.import') t
                """)[0].decode(Int.self, at: 0)
        }
        #expect(writers == 1)
        let again = clock.now
        let second = try await school.importPackage(bytes)
        let reimport = clock.now - again
        #expect(second.items.unchanged == 585)
        print("framework import of \(CASEFixtures.largest) (585 items, 3,368 associations): first \(first), identical re-import \(reimport)")
        #expect(first < .seconds(20))
    }

    @Test("importing the same package twice: the second changes nothing and duplicates nothing")
    func idempotent() async throws {
        let school = try await FrameworkTestInstitution.make()
        let bytes = try CASEFixtures.bytes("sbac-ela-grade-3-claim-1-target-1-item-spec.json")
        let first = try await school.importPackage(bytes)
        let counts = try await school.rowCounts()
        let stamps = try await school.transaction { connection in
            try await connection.query("SELECT max(updated_at)::text FROM competencies")[0].decode(String.self, at: 0)
        }
        let second = try await school.importPackage(bytes, now: Date().addingTimeInterval(60))
        #expect(second.document == .unchanged)
        #expect(second.items == RecordCounts(unchanged: first.items.created))
        #expect(second.associations == RecordCounts(unchanged: first.associations.created))
        var expected = counts
        expected[3] += 1   // one more audit entry, nothing else
        #expect(try await school.rowCounts() == expected)
        let after = try await school.transaction { connection in
            try await connection.query("SELECT max(updated_at)::text FROM competencies")[0].decode(String.self, at: 0)
        }
        #expect(after == stamps)
    }

    @Test("a newer version updates in place, retires the dropped item (still readable), and the old version brings it back")
    func newerVersion() async throws {
        let school = try await FrameworkTestInstitution.make()
        let original = try CASEFixtures.bytes("act-holistic-framework-math-excerpt.json")
        let frameworkID = try await school.importPackage(original).frameworkID

        // Drop a leaf item (and its associations) and reword another item.
        guard case .object(var root) = try JSONParser().parse(original),
              var items = root["CFItems"]?.arrayValue, let associations = root["CFAssociations"]?.arrayValue
        else { Issue.record("unexpected fixture shape"); return }
        func ends(_ association: JSONValue) -> [String] {
            [association["originNodeURI"]?["identifier"]?.stringValue ?? "", association["destinationNodeURI"]?["identifier"]?.stringValue ?? ""]
        }
        let parents = Set(associations.map { ends($0)[1] })
        let droppedIndex = try #require(items.firstIndex { !parents.contains($0["identifier"]?.stringValue ?? "") })
        let droppedText = try #require(items[droppedIndex]["identifier"]?.stringValue)
        let dropped = try #require(CompetencyID(droppedText))
        items.remove(at: droppedIndex)
        guard case .object(var reworded) = items[0] else { Issue.record("not an object"); return }
        let rewordedID = try #require(reworded["identifier"]?.stringValue.flatMap(CompetencyID.init))
        reworded["fullStatement"] = .string("Reworded in the newer version.")
        items[0] = .object(reworded)
        root["CFItems"] = .array(items)
        let kept = associations.filter { !ends($0).contains(droppedText) }
        root["CFAssociations"] = .array(kept)
        let newer = JSONValue.object(root).serializedBytes()

        let result = try await school.importPackage(newer)
        #expect(result.document == .unchanged)
        #expect(result.items == RecordCounts(updated: 1, unchanged: 26, retired: 1))
        #expect(result.associations == RecordCounts(unchanged: kept.count, retired: associations.count - kept.count))
        #expect(associations.count > kept.count)
        #expect(try await school.rowCounts() == [1, 28, 28, 2])   // nothing deleted

        let (detail, item, current, withRetired, package, rewordedDetail) = try await school.transaction { connection in
            let store = school.store
            return (try await store.competency(dropped, on: connection),
                    try await CASEReadBodies(institution: school.institution).item(dropped, on: connection),
                    try await store.allCompetencies(of: frameworkID, includeRetired: false, on: connection),
                    try await store.allCompetencies(of: frameworkID, includeRetired: true, on: connection),
                    try await CASEReadBodies(institution: school.institution).package(frameworkID, on: connection),
                    try await store.competency(rewordedID, on: connection))
        }
        let retired = try #require(detail)
        #expect(retired.entry.retiredAt != nil)
        #expect(retired.entry.competency.isRetired)
        #expect(CompetencyRepresentation(retired.entry).retired)
        #expect(item != nil)
        #expect(current.count == 27 && !current.contains { $0.competency.id == dropped })
        #expect(withRetired.count == 28 && withRetired.contains { $0.competency.id == dropped })
        #expect(rewordedDetail?.entry.competency.fullStatement == "Reworded in the newer version.")
        let newerModel = try Self.model(newer, institution: school.institution)
        #expect(package == CASEPackageWriter().packageBytes(newerModel))

        // The original again: the dropped item returns, the reworded one reverts.
        let back = try await school.importPackage(original)
        #expect(back.items == RecordCounts(updated: 2, unchanged: 26))
        #expect(back.associations == RecordCounts(updated: associations.count - kept.count, unchanged: kept.count))
        #expect(try await school.count("competencies", where: "retired_at IS NOT NULL") == 0)
    }

    // MARK: Refusals

    /// A small 1.1 package: items by (identifier, code), associations by (number, type, origin, destination).
    static func package(document: String, items: [(String, String)], associations: [(Int, String, String, String)]) -> [UInt8] {
        let stamp = "2024-01-02T03:04:05Z"
        let itemText = items.map { id, code in
            #"{"identifier":"\#(id)","uri":"https://example.org/\#(id)","fullStatement":"\#(code)","humanCodingScheme":"\#(code)","lastChangeDateTime":"\#(stamp)"}"#
        }
        let associationText = associations.map { number, type, origin, destination in
            let id = String(format: "%08d-0000-4000-8000-%012d", number, number)
            return #"{"identifier":"\#(id)","associationType":"\#(type)","uri":"https://example.org/as/\#(number)","# +
                #""originNodeURI":{"title":"o","identifier":"\#(origin)","uri":"https://example.org/\#(origin)"},"# +
                #""destinationNodeURI":{"title":"d","identifier":"\#(destination)","uri":"https://example.org/\#(destination)"},"# +
                #""lastChangeDateTime":"\#(stamp)"}"#
        }
        let text = #"{"CFDocument":{"identifier":"\#(document)","uri":"https://example.org/\#(document)","creator":"Tests","# +
            #""title":"Doc \#(document.prefix(4))","lastChangeDateTime":"\#(stamp)"},"CFItems":[\#(itemText.joined(separator: ","))],"# +
            #""CFAssociations":[\#(associationText.joined(separator: ","))]}"#
        return Array(text.utf8)
    }

    static let a = "aaaaaaaa-0000-4000-8000-00000000000a", b = "bbbbbbbb-0000-4000-8000-00000000000b"
    static let c = "cccccccc-0000-4000-8000-00000000000c"
    static let first = "d0000001-0000-4000-8000-000000000001", second = "d0000002-0000-4000-8000-000000000002"

    @Test("a package closing a precedes cycle across frameworks is refused, the cycle named, nothing written")
    func crossFrameworkCycle() async throws {
        let school = try await FrameworkTestInstitution.make()
        _ = try await school.importPackage(Self.package(
            document: Self.first, items: [(Self.a, "A"), (Self.b, "B")],
            associations: [(1, "precedes", Self.a, Self.b), (2, "isChildOf", Self.a, Self.first), (3, "isChildOf", Self.b, Self.first)]))
        let before = try await school.rowCounts()
        // B precedes C precedes A: A and B live in the first framework, known to the institution.
        let closing = Self.package(document: Self.second, items: [(Self.c, "C")],
                                   associations: [(4, "precedes", Self.b, Self.c), (5, "precedes", Self.c, Self.a)])
        await #expect {
            _ = try await school.importPackage(closing)
        } throws: { error in
            guard case .cycle(let codes, _)? = error as? FrameworkImportError else { return false }
            return codes.count == 4 && codes.first == codes.last && Set(codes) == ["A", "B", "C"]
        }
        #expect(try await school.rowCounts() == before)
        #expect(try await school.count("frameworks", where: "id = '\(Self.second)'") == 0)

        // Without the closing edge the same framework imports, its ends resolving to the first.
        let open = Self.package(document: Self.second, items: [(Self.c, "C")], associations: [(4, "precedes", Self.b, Self.c)])
        #expect(try await school.importPackage(open).associations.created == 1)
        let detail = try await school.transaction { try await school.store.competency(CompetencyID(Self.c)!, on: $0) }
        guard case .competency(let prerequisite)? = detail?.prerequisites.first?.node else {
            Issue.record("B should resolve to a stored competency: \(String(describing: detail))"); return
        }
        #expect(prerequisite.code == "B")
    }

    @Test("a cycle inside one package is refused with the pointer of the association that closes it")
    func packageCycle() async throws {
        let school = try await FrameworkTestInstitution.make()
        let bytes = Self.package(document: Self.first, items: [(Self.a, "A"), (Self.b, "B")],
                                 associations: [(1, "precedes", Self.a, Self.b), (2, "precedes", Self.b, Self.a)])
        do {
            _ = try await school.importPackage(bytes)
            Issue.record("a cycle was imported")
        } catch let error as FrameworkImportError {
            guard case .cycle(let codes, let pointer) = error else { Issue.record("\(error)"); return }
            #expect(Set(codes) == ["A", "B"])
            #expect(pointer?.hasPrefix("/CFAssociations/") == true)
            #expect(error.problem.status == 422)
            #expect(error.description.contains("A") && error.description.contains("B"))
        }
        #expect(try await school.rowCounts() == [0, 0, 0, 0])
    }

    @Test("malformed packages are refused with a JSON pointer and create nothing",
          arguments: [
            ("not JSON", "CFDocument: nope", ""),
            ("no document identifier", #"{"CFDocument": {"title": "x"}, "CFItems": []}"#, "/CFDocument/identifier"),
            ("an item identifier that is not a UUID",
             #"{"CFDocument": {"identifier": "d0000001-0000-4000-8000-000000000001"}, "CFItems": [{"identifier": "x"}]}"#,
             "/CFItems/0/identifier"),
          ])
    func malformed(name: String, text: String, pointer: String) async throws {
        let school = try await FrameworkTestInstitution.make()
        do {
            _ = try await school.importPackage(Array(text.utf8))
            Issue.record("\(name) was imported")
        } catch let error as FrameworkImportError {
            guard case .malformed(_, let where_, let message) = error else { Issue.record("\(error)"); return }
            #expect(where_ == pointer)
            #expect(!message.isEmpty)
            #expect(error.problem.status == 400)
            #expect(error.problem.errors.first?.pointer == pointer)
        }
        #expect(try await school.rowCounts() == [0, 0, 0, 0])
    }

    @Test("an association with both ends outside the package and unknown is refused; once its framework is held, it imports")
    func danglingThenKnown() async throws {
        let school = try await FrameworkTestInstitution.make()
        let dangling = Self.package(document: Self.second, items: [(Self.c, "C")], associations: [(9, "precedes", Self.a, Self.b)])
        await #expect {
            _ = try await school.importPackage(dangling)
        } throws: { error in
            guard case .malformed(.danglingAssociation, let pointer, _)? = error as? FrameworkImportError else { return false }
            return pointer == "/CFAssociations/0"
        }
        _ = try await school.importPackage(Self.package(document: Self.first, items: [(Self.a, "A"), (Self.b, "B")], associations: []))
        #expect(try await school.importPackage(dangling).associations.created == 1)
    }

    // MARK: Tenancy

    @Test("row-level security: no tenant sees nothing, another institution sees nothing and cannot write")
    func rowLevelSecurity() async throws {
        let school = try await FrameworkTestInstitution.make()
        let bytes = try CASEFixtures.bytes("act-holistic-framework-math-excerpt.json")
        let result = try await school.importPackage(bytes)
        try await school.transaction { connection in
            _ = try await school.store.savePolicy(MasteryPolicy(method: .latest), of: result.frameworkID, effectiveFrom: Date(),
                                                  changedBy: school.admin, at: Date(), on: connection)
        }
        let tables = ["frameworks", "competencies", "competency_associations", "framework_policies"]

        // The service's role on a plain connection, no tenant set.
        let app = try await PostgresConnection.connect(to: school.database.appConnectionString)
        for table in tables {
            #expect(try await app.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)"))[0].decode(Int.self, at: 0) == 0, "\(table)")
        }
        #expect(try await school.count("frameworks") == 1)

        // Another institution.
        let other = try await school.makeOtherInstitution(slug: "other")
        for table in tables { #expect(try await school.count(table, as: other) == 0, "\(table)") }
        let otherStore = FrameworkCatalogStore(institution: other)
        let model = try Self.model(bytes, institution: school.institution)
        try await school.transaction(as: other) { connection in
            #expect(try await otherStore.frameworks(after: nil, limit: 10, on: connection).items.isEmpty)
            #expect(try await otherStore.catalog(on: connection).competencies.isEmpty)
            #expect(try await otherStore.casePackage(result.frameworkID, on: connection) == nil)
            #expect(try await otherStore.caseItem(model.items[0].competency.id, on: connection) == nil)
            #expect(try await otherStore.competency(model.items[0].competency.id, on: connection) == nil)
            #expect(try await CASEReadBodies(institution: other).documents(on: connection)
                == Array(#"{"CFDocuments":[]}"#.utf8))
            // Even a store told the wrong institution sees nothing there.
            #expect(try await school.store.framework(result.frameworkID, on: connection) == nil)
            let touched = try await connection.query("UPDATE competencies SET full_statement = 'hijacked'")
            #expect(touched.affectedRows == 0)
        }
        // Writing into the first institution from the other's transaction is refused.
        await #expect {
            try await school.transaction(as: other) { connection in
                _ = try await school.store.save(
                    try FrameworkImport.record(of: CASEPackageReader(institutionID: school.institution).read(bytes)),
                                                now: Date(), on: connection)
            }
        } throws: { ($0 as? PostgresError)?.sqlState == .insufficientPrivilege }
        // The same framework imports into the other institution independently.
        let copy = try await school.importPackage(bytes, into: other)
        #expect(copy.items.created == model.items.count)
        #expect(try await school.count("competencies", as: other) == model.items.count)
        #expect(try await school.count("competencies") == model.items.count)

        // Nothing in the catalog can be deleted by the service.
        for table in tables {
            await #expect {
                try await school.transaction { connection in
                    try await connection.query(PostgresQuery(unsafeSQL: "DELETE FROM \(table)"))
                }
            } throws: { ($0 as? PostgresError)?.sqlState == .insufficientPrivilege }
        }
        await app.close()
    }
}
