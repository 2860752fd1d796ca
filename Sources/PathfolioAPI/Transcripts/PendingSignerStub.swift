// TEMPORARY: replaced by the signing-keys work (helper branch `keys`) at merge. Not committed.
import Foundation
import PathfolioCore
import PathfolioInterop

struct SignedCredential { let compact: String; let kid: String; let algorithm: String }
struct PendingSigner {
    func sign(credential: JSONValue, institution: InstitutionID) async throws(APIError) -> SignedCredential {
        let payload = Base64URLStub.encode(Array(credential.serialized().utf8))
        return SignedCredential(compact: "eyJhbGciOiJub25lIn0.\(payload).", kid: "pending", algorithm: "none")
    }
}
enum Base64URLStub {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
extension APIContext { var credentialSigner: PendingSigner { PendingSigner() } }
enum CredentialIssuer { static func issuerID(of institution: InstitutionID) -> String { "urn:uuid:\(institution)" } }
