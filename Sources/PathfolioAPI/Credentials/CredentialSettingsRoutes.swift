import Foundation
import PathfolioCore
import PathfolioCrypto
import PathfolioHTTP
import PathfolioInterop
import PathfolioPostgres

/// `GET`/`PUT /v1/settings/credentials`: the algorithm the institution signs credentials with
/// (`RS256`, the default every OB 3.0 verifier supports, or `EdDSA`). Registrars and admins
/// read it; admins change it. The next signing uses (creating, if need be) a key of the new
/// algorithm; keys of the old one stay published.
struct CredentialSettingsRoutes {
    let context: APIContext

    static func body(_ algorithm: String) -> HTTPResponse {
        .json(JSONValue.object(JSONObject(["algorithm": .string(algorithm)])).serializedBytes())
    }

    func register(on router: inout Router) {
        let context = self.context
        router.get("/v1/settings/credentials", APIContext.handler { request in
            try await context.session(request, readOnly: true, reading: { batch, _ in
                batch.add(InstitutionStore.credentialAlgorithm())
            }) { session, algorithm in
                try session.require(.readCredentialSettings)
                return Self.body(try session.read(algorithm))
            }
        })

        router.put("/v1/settings/credentials", APIContext.handler { request in
            let input = try RequestObject.parse(try await request.jsonBody())
            input.rejectUnknown(besides: ["algorithm"])
            let algorithm = input.choice("algorithm", SigningAlgorithm.self)
            try input.log.check()
            return try await context.session(request) { session in
                try session.require(.manageCredentialSettings)
                let before = try await InstitutionStore(connection: session.connection).setCredentialAlgorithm(algorithm!.rawValue)
                if before != algorithm!.rawValue {
                    try await session.audit("credential_settings.update", target: "institution", id: session.institutionID.uuid,
                                            details: try PostgresJSON(encoding: ["before": before, "after": algorithm!.rawValue]))
                }
                return Self.body(algorithm!.rawValue)
            }
        })
    }
}
