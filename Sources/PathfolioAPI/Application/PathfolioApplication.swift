import Foundation
public import PathfolioCrypto
public import PathfolioHTTP
public import PathfolioPostgres

/// The service's HTTP surface: every route of SPEC §2.1 that exists so far, behind the
/// request-id, access-log and metrics middleware, with errors as problem+json.
public struct PathfolioApplication: Sendable {
    public let pool: PostgresPool
    public let metrics: HTTPMetrics
    public let accessLog: AccessLogMiddleware.Sink
    /// The largest roster package `POST /v1/rosters/import` takes, in bytes (413 beyond).
    public let rosterImportLimit: Int

    /// The default roster upload limit: 64 MiB of zipped CSV (a 100,000-user roster is a few MiB).
    public static let defaultRosterImportLimit = 64 << 20

    /// Seals and opens the institutions' signing keys; without one, signing answers 503.
    public let keyEncryptionKey: KeyEncryptionKey?

    public init(pool: PostgresPool, metrics: HTTPMetrics = HTTPMetrics(), keyEncryptionKey: KeyEncryptionKey? = nil,
                accessLog: @escaping AccessLogMiddleware.Sink,
                rosterImportLimit: Int = PathfolioApplication.defaultRosterImportLimit) {
        self.pool = pool
        self.metrics = metrics
        self.keyEncryptionKey = keyEncryptionKey
        self.accessLog = accessLog
        self.rosterImportLimit = rosterImportLimit
    }

    /// The router the HTTP server runs.
    public func router() -> Router {
        var router = Router(defaultBodyLimit: 1 << 20, errorRenderer: ProblemDetails.serverErrorRenderer)
        router.use(RequestIDMiddleware())
        router.use(AccessLogMiddleware(sink: accessLog))
        router.use(MetricsMiddleware(metrics))
        addOperations(to: &router)
        let context = APIContext(pool: pool, keyEncryptionKey: keyEncryptionKey)
        PeopleRoutes(context: context).register(on: &router)
        TokenRoutes(context: context).register(on: &router)
        EvidenceRoutes(context: context).register(on: &router)
        ReviewRoutes(context: context).register(on: &router)
        ProgressRoutes(context: context).register(on: &router)
        PlanRoutes(context: context).register(on: &router)
        GoalRoutes(context: context).register(on: &router)
        PlanTemplateRoutes(context: context).register(on: &router)
        FrameworkRoutes(context: context).register(on: &router)
        ClassRoutes(context: context).register(on: &router)
        ClassMasteryRoutes(context: context).register(on: &router)
        EarlyWarningSettingsRoutes(context: context).register(on: &router)
        CaseloadRoutes(context: context).register(on: &router)
        TranscriptRoutes(context: context).register(on: &router)
        TranscriptExportRoutes(context: context).register(on: &router)
        RosterRoutes(context: context, importLimit: rosterImportLimit).register(on: &router)
        EquityRoutes(context: context).register(on: &router)
        CredentialRoutes(context: context).register(on: &router)
        CredentialSettingsRoutes(context: context).register(on: &router)
        return router
    }

    /// `/healthz` (the process answers), `/readyz` (it can reach PostgreSQL), `/metrics`, and
    /// `/openapi.json` (the API document).
    private func addOperations(to router: inout Router) {
        router.get("/openapi.json") { _ in OpenAPIDocument.response }
        router.get("/healthz") { _ in
            .json(Array(#"{"status":"ok"}"#.utf8))
        }
        let pool = self.pool
        let accessLog = self.accessLog
        router.get("/readyz") { _ in
            do {
                _ = try await pool.query("SELECT 1")
                return .json(Array(#"{"status":"ready"}"#.utf8))
            } catch {
                // The reason (hosts, roles, sockets) is for the operator's log, not the caller.
                let line = try? JSONEncoder().encode(["event": "readyz_failed", "error": "\(error)"])
                accessLog(line.map { String(decoding: $0, as: UTF8.self) } ?? #"{"event":"readyz_failed"}"#)
                return ProblemDetails(status: .serviceUnavailable, detail: "The database cannot be reached.").response()
            }
        }
        let metrics = self.metrics
        router.get("/metrics") { _ in
            var response = HTTPResponse.text(metrics.prometheusText())
            response.headers["Content-Type"] = "text/plain; version=0.0.4; charset=utf-8"
            return response
        }
    }
}
