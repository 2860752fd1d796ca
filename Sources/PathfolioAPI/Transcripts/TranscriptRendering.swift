import Foundation
import PathfolioCore
import PathfolioCrypto
import PathfolioInterop

/// Renders a transcript in one format; CLR is signed as a VC-JWT with the institution's current
/// key (of its algorithm, RS256 unless set to EdDSA), in the request's transaction.
struct TranscriptRendering {
    let context: APIContext

    /// The bytes of `format`; `certification` is printed in a certified transcript, and the CLR
    /// then takes the certificate's id (so a verifier's revocation check finds it).
    func render(_ transcript: Transcript, as format: TranscriptFormat, certification: TranscriptCertification? = nil,
                issuedAt: Date, in session: Session) async throws -> Rendered {
        switch format {
        case .json:
            return Rendered(bytes: TranscriptJSON.document(transcript, certification: certification).serializedBytes(pretty: true),
                            credentialID: nil, keyID: nil)
        case .csv:
            return Rendered(bytes: Array(TranscriptCSV.document(transcript).utf8), credentialID: nil, keyID: nil)
        case .html:
            return Rendered(bytes: Array(TranscriptHTML.page(transcript, certification: certification).utf8), credentialID: nil,
                            keyID: nil)
        case .clr:
            let id = certification?.id ?? UUID()
            let credential = ClrTranscriptCredential(
                transcript: transcript, id: id, issuerID: CredentialIssuer.id(for: transcript.issuer.institutionID),
                issuedAt: issuedAt, nestedIDs: (0..<ClrTranscriptCredential.nestedCount(transcript)).map { _ in UUID() })
            let signed = try await context.credentialSigner.sign(credential: credential.json, in: session)
            return Rendered(bytes: Array(signed.compact.utf8), credentialID: credential.credentialID,
                            keyID: signed.kid)
        }
    }

    /// A rendered transcript: its bytes, and for CLR the credential's id and the signing key.
    struct Rendered {
        let bytes: [UInt8]
        let credentialID: String?
        let keyID: String?
    }
}
