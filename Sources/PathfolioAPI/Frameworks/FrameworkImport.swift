public import Foundation
public import PathfolioCore
public import PathfolioInterop
public import PathfolioPostgres

/// Imports a CASE package into an institution's catalog (SPEC §1.2): reads it, refuses what
/// cannot be understood or would close a prerequisite cycle, and saves it, lossless, with an
/// audit-log entry, all on the caller's transaction.
public struct FrameworkImport: Sendable {
    /// Makes an importer.
    public init() {}

    /// Imports `bytes` (a CASE 1.0 or 1.1 `CFPackage`, or a pre-1.0 OpenSALT export).
    ///
    /// Runs on `connection` inside the caller's transaction, with the tenant already set to
    /// `institution`; when it throws, the caller rolls back and nothing of the package remains.
    /// The steps:
    /// 1. take the institution's catalog lock (imports of one institution run one at a time),
    ///    and load every competency and association it holds;
    /// 2. read the package; an association may point at a framework imported earlier (its
    ///    end resolves) or outside everything (kept as an external reference);
    /// 3. check that the institution's whole graph after the import — every framework's
    ///    competencies and associations, this package replacing this framework's — has no
    ///    `precedes`/hierarchy cycle;
    /// 4. render each document, item and association as CASE 1.1 JSON and save them in one
    ///    round trip (same package again: nothing changes; a newer version updates in place
    ///    and retires what it dropped);
    /// 5. append `framework.import` to the audit log.
    ///
    /// - Throws: ``FrameworkImportError`` for a refused package; a `PostgresError` when the
    ///   database fails.
    public func importPackage(_ bytes: [UInt8], institution: InstitutionID, actor: PersonID?,
                              on connection: PostgresConnection, now: Date) async throws -> FrameworkImportResult {
        let store = FrameworkCatalogStore(institution: institution)
        try await store.lockForChanges(on: connection)
        let catalog = try await store.catalog(on: connection)

        var known = Set(catalog.competencies.map(\.id.description))
        known.formUnion(catalog.frameworks.map(\.id.description))
        let model: CASEImport
        do {
            model = try CASEPackageReader(institutionID: institution, knownIdentifiers: known).read(bytes)
        } catch {
            throw FrameworkImportError(error)
        }
        try checkAcyclic(model, after: catalog)

        let counts = try await store.save(Self.record(of: model), now: now, on: connection)
        let result = FrameworkImportResult(
            frameworkID: model.framework.id, title: model.framework.title, document: counts.document,
            items: counts.items, associations: counts.associations, warnings: model.warnings)
        try await store.appendAudit(action: "framework.import", framework: model.framework.id, actor: actor,
                                    details: try Self.auditDetails(result), on: connection)
        return result
    }

    /// Refuses the import when the institution's graph after it would hold a cycle: the
    /// stored competencies and associations, with this package's replacing those of the same
    /// ids, and this framework's published associations that the package dropped left out
    /// (they will be retired). Its dropped items stay (retired, still nodes of the graph).
    func checkAcyclic(_ model: CASEImport, after catalog: FrameworkCatalog) throws(FrameworkImportError) {
        let frameworkID = model.framework.id
        let incomingItems = Set(model.items.map(\.competency.id))
        let incomingAssociations = Set(model.associations.map(\.association.id))
        let competencies = catalog.competencies.filter { !incomingItems.contains($0.id) } + model.competencies
        let associations = catalog.associations.filter {
            !incomingAssociations.contains($0.id) && catalog.publishers[$0.id] != frameworkID
        } + model.coreAssociations
        do {
            _ = try CompetencyGraph(competencies: competencies, associations: associations)
        } catch {
            switch error {
            case .cycle(let codes): throw .cycle(codes: codes, pointer: nil)
            }
        }
    }

    /// The package as the store saves it: each part rendered by the CASE 1.1 writer, split out
    /// of the whole package so that the parts, joined again, are the writer's package exactly.
    public static func record(of model: CASEImport) -> FrameworkPackageRecord {
        guard case .object(var root) = CASEPackageWriter().package(model),
              let document = root.removeValue(forKey: "CFDocument"),
              let items = root.removeValue(forKey: "CFItems")?.arrayValue, items.count == model.items.count,
              let associations = root.removeValue(forKey: "CFAssociations")?.arrayValue,
              associations.count == model.associations.count,
              let definitions = root.removeValue(forKey: "CFDefinitions")
        else { preconditionFailure("the CASE writer's package has a document, items, associations and definitions") }
        return FrameworkPackageRecord(
            framework: model.framework, documentJSON: document.serialized(),
            items: zip(model.items, items).map { item, json in
                CompetencyRecord(competency: item.competency, listEnumeration: item.listEnumeration, caseJSON: json.serialized())
            },
            associations: zip(model.associations, associations).map { record, json in
                AssociationRecord(
                    association: record.association,
                    origin: AssociationEnd(identifier: record.origin.identifier, uri: record.origin.uri, title: record.origin.title),
                    destination: AssociationEnd(identifier: record.destination.identifier, uri: record.destination.uri,
                                                title: record.destination.title),
                    caseJSON: json.serialized())
            },
            definitionsJSON: definitions.serialized(), packageMembersJSON: JSONValue.object(root).serialized())
    }

    /// The audit entry's details: the title and the counts (warnings by number only).
    static func auditDetails(_ result: FrameworkImportResult) throws -> PostgresJSON {
        struct Details: Encodable {
            let title: String
            let document: FrameworkSaveCounts.Change
            let items: RecordCounts
            let associations: RecordCounts
            let warnings: Int
        }
        return try PostgresJSON(encoding: Details(title: result.title, document: result.document, items: result.items,
                                                  associations: result.associations, warnings: result.warnings.count))
    }
}
