import Foundation
public import PathfolioCore
import PathfolioInterop
public import PathfolioPostgres

/// The bodies of CASE 1.1's REST reads (`/ims/case/v1p1/…`), as UTF-8 JSON, from what the
/// catalog stored at import: each object's 1.1 JSON kept verbatim.
///
/// A package is the stored parts joined, byte for byte what the CASE writer produced at
/// import. A single document, item or association also needs the link members the REST
/// reads require (`CFPackageURI`, `CFDocumentURI`): it is read back into the CASE model and
/// written by the same writer, so it is exactly the writer's REST form. Every method runs on
/// the caller's connection, tenant set, and answers nil when there is no such object.
public struct CASEReadBodies: Sendable {
    /// The institution whose catalog is read.
    public let institution: InstitutionID
    private let store: FrameworkCatalogStore

    /// Bodies for `institution`'s catalog.
    public init(institution: InstitutionID) {
        self.institution = institution
        self.store = FrameworkCatalogStore(institution: institution)
    }

    /// `GET /ims/case/v1p1/CFDocuments`: `{"CFDocuments": [...]}`, ordered by title.
    public func documents(on connection: PostgresConnection) async throws -> [UInt8] {
        let documents = try await store.caseDocuments(on: connection).map { try model(document: $0).document }
        return CASEPackageWriter().documents(documents).serializedBytes()
    }

    /// `GET /ims/case/v1p1/CFPackages/{id}`: the framework's current package (retired items and
    /// associations left out).
    public func package(_ framework: FrameworkID, on connection: PostgresConnection) async throws -> [UInt8]? {
        guard let stored = try await store.casePackage(framework, on: connection) else { return nil }
        return Self.packageBytes(stored)
    }

    /// `GET /ims/case/v1p1/CFItems/{id}`: the item with its `CFDocumentURI` (retired items too).
    public func item(_ id: CompetencyID, on connection: PostgresConnection) async throws -> [UInt8]? {
        guard let stored = try await store.caseItem(id, on: connection), let document = stored.documentJSON else { return nil }
        let model = try model(document: document, items: [stored.json])
        return CASEPackageWriter().item(model.items[0], in: model.document).serializedBytes()
    }

    /// `GET /ims/case/v1p1/CFAssociations/{id}`: the association with its `CFDocumentURI`
    /// (none for a local association; retired ones too).
    public func association(_ id: AssociationID, on connection: PostgresConnection) async throws -> [UInt8]? {
        guard let stored = try await store.caseAssociation(id, on: connection) else { return nil }
        // A local association has no document; a placeholder one carries it through the reader.
        let document = stored.documentJSON ?? #"{"identifier":"00000000-0000-4000-8000-000000000000","uri":"","creator":"","title":"","lastChangeDateTime":"1970-01-01T00:00:00Z"}"#
        let model = try model(document: document, associations: [stored.json])
        return CASEPackageWriter().association(model.associations[0], in: stored.documentJSON == nil ? nil : model.document)
            .serializedBytes()
    }

    /// The stored parts joined into the package: `{"CFDocument":…,"CFItems":[…],
    /// "CFAssociations":[…],"CFDefinitions":…` and the members after it.
    static func packageBytes(_ stored: StoredCASEPackage) -> [UInt8] {
        var text = #"{"CFDocument":"#
        text.reserveCapacity(stored.documentJSON.utf8.count + stored.itemJSON.reduce(0) { $0 + $1.utf8.count + 1 }
            + stored.associationJSON.reduce(0) { $0 + $1.utf8.count + 1 } + stored.definitionsJSON.utf8.count
            + stored.packageMembersJSON.utf8.count + 64)
        text += stored.documentJSON
        text += #","CFItems":["#
        text += stored.itemJSON.joined(separator: ",")
        text += #"],"CFAssociations":["#
        text += stored.associationJSON.joined(separator: ",")
        text += #"],"CFDefinitions":"#
        text += stored.definitionsJSON
        // The members object is compact JSON: `{}` or `{"CFRubrics":…,"extensions":…}`.
        let members = stored.packageMembersJSON.utf8
        if members.count > 2 {
            text += ","
            text += String(decoding: members.dropFirst().dropLast(), as: UTF8.self)
        }
        text += "}"
        return Array(text.utf8)
    }

    /// The CASE model of stored objects, read back as a small package. The stored JSON is
    /// the writer's own, which the reader reads back to the same model; its ends are all
    /// accepted (they were checked at import).
    private func model(document: String, items: [String] = [], associations: [String] = []) throws -> CASEImport {
        let text = #"{"CFDocument":"# + document + #","CFItems":["# + items.joined(separator: ",")
            + #"],"CFAssociations":["# + associations.joined(separator: ",") + "]}"
        return try CASEPackageReader(institutionID: institution, isKnownNode: { _ in true }).read(Array(text.utf8))
    }
}
