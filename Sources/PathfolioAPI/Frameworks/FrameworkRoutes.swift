import Foundation
import PathfolioCore
import PathfolioHTTP
import PathfolioPostgres

/// Frameworks (SPEC §1.2): CASE import, the catalog reads, CASE 1.1's REST reads, and the
/// mastery policy with its preview (SPEC §1.4).
struct FrameworkRoutes {
    let context: APIContext

    /// CASE packages reach several MB; the import takes up to 64 MiB (SPEC §1.2).
    static let importLimit = 64 << 20

    func register(on router: inout Router) {
        let context = self.context
        router.post("/v1/frameworks/import", bodyLimit: Self.importLimit, APIContext.handler { request in
            let body = try await request.jsonBody(limit: Self.importLimit)
            return try await context.creation(request, body: body) { session in
                try session.require(.manageFrameworks)
                do {
                    let result = try await FrameworkImport().importPackage(
                        body, institution: session.institutionID, actor: session.personID, on: session.connection, now: session.now)
                    let created = result.document == .created
                    return .json(result, status: created ? .created : .ok,
                                 headers: ["Location": "/v1/frameworks/\(result.frameworkID)"])
                } catch let error as FrameworkImportError {
                    throw APIError.problem(error.problem)
                }
            }
        })

        router.get("/v1/frameworks", APIContext.handler { request in
            let page = try PageRequest(request, keyCount: 2)
            let after = try page.position(FrameworkListKey.init(components:))
            return try await context.session(request) { session in
                try session.require(.readFrameworks)
                let found = try await FrameworkCatalogStore(institution: session.institutionID)
                    .frameworks(after: after, limit: page.limit, on: session.connection)
                return .json(Page(items: found.items.map(FrameworkRepresentation.init), nextKey: found.next?.components,
                                  request: request, page: page))
            }
        })

        router.get("/v1/frameworks/{id}", APIContext.handler { request in
            let id: FrameworkID = try request.identifier("id")
            return try await context.session(request) { session in
                try session.require(.readFrameworks)
                guard let found = try await FrameworkCatalogStore(institution: session.institutionID)
                    .framework(id, on: session.connection) else { throw APIError.notFound }
                return .json(FrameworkRepresentation(found))
            }
        })

        router.get("/v1/frameworks/{id}/competencies", APIContext.handler { request in
            let id: FrameworkID = try request.identifier("id")
            let view = request.query("view") ?? "flat"
            guard ["flat", "tree"].contains(view) else { throw APIError.invalidParameter("view", "Must be flat or tree.") }
            let includeRetired: Bool
            switch request.query("includeRetired") {
            case nil, "false": includeRetired = false
            case "true": includeRetired = true
            default: throw APIError.invalidParameter("includeRetired", "Must be true or false.")
            }
            let page = try PageRequest(request, keyCount: 2)
            let after = try page.position(CompetencyListKey.init(components:))
            return try await context.session(request) { session in
                try session.require(.readFrameworks)
                let store = FrameworkCatalogStore(institution: session.institutionID)
                guard try await store.framework(id, on: session.connection) != nil else { throw APIError.notFound }
                if view == "tree" {
                    // The whole tree in one document: a tree cannot be cut into pages without
                    // orphaning branches.
                    let entries = try await store.allCompetencies(of: id, includeRetired: includeRetired, on: session.connection)
                    return .json(CompetencyTreeRepresentation(framework: id, entries: entries))
                }
                let found = try await store.competencies(of: id, after: after, limit: page.limit, includeRetired: includeRetired,
                                                         on: session.connection)
                return .json(Page(items: found.items.map(CompetencyRepresentation.init), nextKey: found.next?.components,
                                  request: request, page: page))
            }
        })

        router.get("/v1/competencies/{id}", APIContext.handler { request in
            let id: CompetencyID = try request.identifier("id")
            return try await context.session(request) { session in
                try session.require(.readFrameworks)
                guard let detail = try await FrameworkCatalogStore(institution: session.institutionID)
                    .competency(id, on: session.connection) else { throw APIError.notFound }
                return .json(CompetencyDetailRepresentation(detail))
            }
        })

        registerCASEReads(on: &router)
        registerPolicy(on: &router)
    }

    /// CASE 1.1 REST reads, for other CASE tools (bearer token of any role of the institution).
    private func registerCASEReads(on router: inout Router) {
        let context = self.context
        let read: @Sendable (HTTPRequest, (CASEReadBodies, Session) async throws -> [UInt8]?) async throws -> HTTPResponse = { request, body in
            try await context.session(request) { session in
                try session.require(.readFrameworks)
                guard let bytes = try await body(CASEReadBodies(institution: session.institutionID), session) else {
                    throw APIError.notFound
                }
                return .json(bytes)
            }
        }
        router.get("/ims/case/v1p1/CFDocuments", APIContext.handler { request in
            try await read(request) { reads, session in try await reads.documents(on: session.connection) }
        })
        router.get("/ims/case/v1p1/CFPackages/{id}", APIContext.handler { request in
            let id: FrameworkID = try request.identifier("id")
            return try await read(request) { reads, session in try await reads.package(id, on: session.connection) }
        })
        router.get("/ims/case/v1p1/CFItems/{id}", APIContext.handler { request in
            let id: CompetencyID = try request.identifier("id")
            return try await read(request) { reads, session in try await reads.item(id, on: session.connection) }
        })
        router.get("/ims/case/v1p1/CFAssociations/{id}", APIContext.handler { request in
            let id: AssociationID = try request.identifier("id")
            return try await read(request) { reads, session in try await reads.association(id, on: session.connection) }
        })
    }
}
