import Foundation
import PathfolioAPI
import PathfolioCore
import PathfolioInterop
import PathfolioPostgres
import Testing

/// The CASE REST bodies read back from the database are exactly the CASE writer's output for
/// the imported package, which the test command validates against the CASE 1.1 JSON Schemas
/// (`CASEExportTests`); with `CASE_EXPORT_DIR` set, the stored-then-read bodies are written
/// there too (`stored-*.json`) and `deploy/test.sh` validates them as well.
@Suite("CASE REST reads of stored frameworks")
struct StoredCASEReadTests {
    /// Every item for small packages, else a spread of them (first, every `stride`th, last).
    static func sample<T>(_ all: [T], stride step: Int = 25) -> [T] {
        guard all.count > 40 else { return all }
        return Swift.stride(from: 0, to: all.count, by: step).map { all[$0] } + [all[all.count - 1]]
    }

    @Test("package, documents, items and associations read back as the writer writes them", arguments: CASEFixtures.files)
    func readsBack(file: String) async throws {
        let school = try await FrameworkTestInstitution.make()
        let bytes = try CASEFixtures.bytes(file)
        let model = try CASEPackageReader(institutionID: school.institution).read(bytes)
        _ = try await school.importPackage(bytes)
        let writer = CASEPackageWriter()
        let reads = CASEReadBodies(institution: school.institution)
        let items = Self.sample(model.items), associations = Self.sample(model.associations)

        let (package, documents, itemBodies, associationBodies, missing) = try await school.transaction { connection in
            var itemBodies: [[UInt8]?] = [], associationBodies: [[UInt8]?] = []
            for item in items { itemBodies.append(try await reads.item(item.competency.id, on: connection)) }
            for association in associations {
                associationBodies.append(try await reads.association(association.association.id, on: connection))
            }
            let missing = [
                try await reads.package(FrameworkID(UUID()), on: connection),
                try await reads.item(CompetencyID(UUID()), on: connection),
                try await reads.association(AssociationID(UUID()), on: connection),
            ]
            return (try await reads.package(model.framework.id, on: connection), try await reads.documents(on: connection),
                    itemBodies, associationBodies, missing)
        }
        #expect(package == writer.packageBytes(model))
        #expect(documents == writer.documents([model.document]).serializedBytes())
        for (item, body) in zip(items, itemBodies) {
            #expect(body == writer.item(item, in: model.document).serializedBytes(), "CFItems/\(item.competency.id)")
        }
        for (association, body) in zip(associations, associationBodies) {
            #expect(body == writer.association(association, in: model.document).serializedBytes(),
                    "CFAssociations/\(association.association.id)")
        }
        #expect(missing.allSatisfy { $0 == nil })

        if let directory = ProcessInfo.processInfo.environment["CASE_EXPORT_DIR"] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let base = directory + "/stored-" + file.replacingOccurrences(of: ".json", with: "")
            func write(_ bytes: [UInt8]?, _ kind: String) throws {
                try Data(try #require(bytes)).write(to: URL(fileURLWithPath: "\(base).\(kind).json"))
            }
            try write(package, "package")
            try write(documents, "documents")
            try write(itemBodies.first ?? nil, "item")
            try write(associationBodies.first ?? nil, "association")
        }
    }
}
