import Foundation
import PathfolioCore
import PathfolioHTTP
import PathfolioPostgres

/// `GET`/`PUT /v1/settings/early-warning`: the thresholds of the caseload's flags (SPEC §1.5,
/// "a configurable number of days"). Advisors, registrars and admins read them; admins change
/// them (a `PUT` replaces all three, and the audit log keeps the old and new values).
struct EarlyWarningSettingsRoutes {
    let context: APIContext

    func register(on router: inout Router) {
        let context = self.context
        router.get("/v1/settings/early-warning", APIContext.handler { request in
            try await context.session(request, readOnly: true, reading: { batch, _ in
                batch.add(EarlyWarningSettingsStore.current())
            }) { session, settings in
                try session.require(.readEarlyWarningSettings)
                return .json(EarlyWarningSettingsRepresentation(try session.read(settings)))
            }
        })

        router.put("/v1/settings/early-warning", APIContext.handler { request in
            let input = try RequestObject.parse(try await request.jsonBody())
            input.rejectUnknown(besides: ["quietDays", "reviewWaitDays", "pacingWindowDays"])
            let days = EarlyWarningThresholds.allowedDays
            let quiet = input.integer("quietDays", in: days)
            let reviewWait = input.integer("reviewWaitDays", in: days)
            let pacingWindow = input.integer("pacingWindowDays", in: days)
            try input.log.check()
            let thresholds = EarlyWarningThresholds(quietDays: quiet!, reviewWaitDays: reviewWait!, pacingWindowDays: pacingWindow!)
            return try await context.session(request, reading: { batch, _ in
                batch.add(EarlyWarningSettingsStore.current())
            }) { session, current in
                try session.require(.manageEarlyWarningSettings)
                let before = try session.read(current).thresholds
                let settings = try await EarlyWarningSettingsStore(connection: session.connection)
                    .replace(with: thresholds, by: session.personID)
                try await session.audit("early_warning.update", target: "institution", id: session.institutionID.uuid,
                                        details: try PostgresJSON(encoding: ["before": EarlyWarningSettingsRepresentation(before),
                                                                             "after": EarlyWarningSettingsRepresentation(thresholds)]))
                return .json(EarlyWarningSettingsRepresentation(settings))
            }
        })
    }
}
