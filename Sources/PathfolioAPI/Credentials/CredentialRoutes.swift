import Foundation
import PathfolioCore
import PathfolioHTTP
import PathfolioInterop
import PathfolioPostgres

/// The public side of signed credentials: `GET /.well-known/jwks.json` (every institution's
/// public keys, current and retired) and `POST /v1/credentials/verify` (SPEC §1.6). Neither
/// needs a token: verifiers are other institutions and employers.
struct CredentialRoutes {
    let context: APIContext

    /// The largest verify body accepted (a CLR with many achievements is a few hundred kB).
    static let verifyBodyLimit = 2 << 20

    func register(on router: inout Router) {
        let pool = context.pool
        router.get("/.well-known/jwks.json", APIContext.handler { _ in
            let keys: [SigningKeyStore.PublishedKey]
            do {
                keys = try await pool.withConnection { try await $0.run(SigningKeyStore.published()) }
            } catch {
                throw APIError.unavailable("The keys cannot be read now; try again later.")
            }
            let jwks = keys.compactMap { key -> JSONValue? in
                guard let value = try? JSONParser().parse(key.publicJWK), let jwk = try? JSONWebKey.parse(value) else { return nil }
                return .object(jwk.publicJSON)
            }
            var response = HTTPResponse.json(JSONValue.object(JSONObject(["keys": .array(jwks)])).serializedBytes())
            // Keys are added (rotation) but never withdrawn: a short cache is safe, and a verifier
            // meeting an unknown kid fetches again.
            response.headers["Cache-Control"] = "public, max-age=300"
            return response
        })

        let verifier = CredentialVerifier(pool: pool)
        router.post("/v1/credentials/verify", bodyLimit: Self.verifyBodyLimit, APIContext.handler { request in
            let input = try RequestObject.parse(try await request.jsonBody(limit: Self.verifyBodyLimit))
            input.rejectUnknown(besides: ["credential"])
            // Any string is a credential to judge (even one with U+0000, which nothing stores):
            // what it holds is the verification's answer, not a 400.
            let credential = input.object["credential"]?.stringValue
            if credential == nil {
                input.log.add(input.member("credential"), input.has("credential") ? "Must be a string (a compact JWS)." : "Required.")
            }
            try input.log.check()
            let verification: CredentialVerification
            do {
                verification = try await verifier.verify(credential!, now: Date())
            } catch {
                let line = #"{"event":"credential_verify_failed","error":"\#(String(describing: error).replacingOccurrences(of: "\"", with: "'"))"}"# + "\n"
                FileHandle.standardError.write(Data(line.utf8))
                throw APIError.unavailable("The credential cannot be checked now (its keys cannot be read); try again later.")
            }
            var response = HTTPResponse.json(verification.json.serializedBytes())
            response.headers["Cache-Control"] = "no-store"
            return response
        })
    }
}
