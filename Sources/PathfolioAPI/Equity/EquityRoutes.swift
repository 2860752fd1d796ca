import Foundation
import PathfolioCore
import PathfolioHTTP
import PathfolioPostgres

/// The equity report (SPEC §1.7): a framework's mastery rates disaggregated by a roster
/// demographic field or the cohort, small groups suppressed (with complementary suppression,
/// ``EquityReport``); and the institution's minimum group size. Registrars and admins read
/// both; admins change the size.
struct EquityRoutes {
    let context: APIContext

    /// What `by` may name: the demographics fields of OneRoster (but `birthDate`, which groups
    /// nobody) and the cohort.
    static let fields = RosterMapping.demographicFields.filter { $0 != "birthDate" } + ["cohort"]

    func register(on router: inout Router) {
        let context = self.context
        router.get("/v1/frameworks/{id}/equity", APIContext.handler { request in
            let framework: FrameworkID = try request.identifier("id")
            guard let field = request.query("by") else {
                throw APIError.invalidParameter("by", "Required: one of \(Self.fields.joined(separator: ", ")).")
            }
            guard Self.fields.contains(field) else {
                throw APIError.invalidParameter("by", "Unknown field \(field); allowed: \(Self.fields.joined(separator: ", ")).")
            }
            return try await context.session(request, reading: { batch, _ in
                batch.add(EquityStore.settings())
            }) { session, settings in
                try session.require(.readEquity)
                guard try await FrameworkCatalogStore(institution: session.institutionID)
                    .framework(framework, on: session.connection) != nil else { throw APIError.notFound }
                let asOf = try await ProgressRoutes.asOf(request, in: session)
                let learners = try await session.connection.run(EquityStore.learners(framework: framework, field: field, asOf: asOf))
                let report = EquityReport(field: field, learners: learners, threshold: try session.read(settings).minimumGroupSize)
                return .json(EquityRepresentation(framework: framework, asOf: asOf, report: report))
            }
        })

        router.get("/v1/settings/equity", APIContext.handler { request in
            try await context.session(request, readOnly: true, reading: { batch, _ in
                batch.add(EquityStore.settings())
            }) { session, settings in
                try session.require(.readEquity)
                return .json(EquitySettingsRepresentation(try session.read(settings)))
            }
        })

        router.put("/v1/settings/equity", APIContext.handler { request in
            let input = try RequestObject.parse(try await request.jsonBody())
            input.rejectUnknown(besides: ["minimumGroupSize"])
            let size = input.integer("minimumGroupSize", in: EquityStore.allowedGroupSizes)
            try input.log.check()
            return try await context.session(request, reading: { batch, _ in
                batch.add(EquityStore.settings())
            }) { session, current in
                try session.require(.manageEquitySettings)
                let before = try session.read(current).minimumGroupSize
                let settings = try await EquityStore(connection: session.connection).replace(minimumGroupSize: size!, by: session.personID)
                try await session.audit("equity.update", target: "institution", id: session.institutionID.uuid,
                                        details: try PostgresJSON(encoding: ["before": before, "after": size!]))
                return .json(EquitySettingsRepresentation(settings))
            }
        })
    }
}
