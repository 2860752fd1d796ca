public import PathfolioCore

/// Who issues an institution's credentials, as the `issuer.id` of its OB 3.0 / CLR 2.0
/// credentials and the `iss` of their VC-JWTs: `urn:uuid:<institution id>`.
///
/// OB 3.0 lets an issuer id be any URI (an HTTP URL resolving to a profile, a DID); the service
/// has no public URL of its own to mint HTTP ids from, and a URN of the institution's UUID is
/// stable across host names and deployments. Verifiers find the keys at
/// `/.well-known/jwks.json` (and in each credential's `jwk` header), not by dereferencing this id.
public enum CredentialIssuer {
    /// `urn:uuid:` and the institution's id in lowercase.
    public static func id(for institution: InstitutionID) -> String {
        "urn:uuid:" + institution.description.lowercased()
    }

    /// The institution an issuer id names, when it is one of these URNs.
    public static func institution(from issuerID: String) -> InstitutionID? {
        guard issuerID.lowercased().hasPrefix("urn:uuid:") else { return nil }
        return InstitutionID(String(issuerID.dropFirst("urn:uuid:".count)))
    }
}
