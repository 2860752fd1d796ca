public import Foundation
public import PathfolioCore
public import PathfolioHTTP
public import PathfolioPostgres
import PathfolioCrypto

/// Turns `Authorization: Bearer <token>` into the person calling, or a 401 saying why.
public enum BearerAuthenticator {
    /// Who is calling, once authenticated.
    public struct Caller: Sendable, Equatable {
        public let personID: PersonID
        public let institutionID: InstitutionID
    }

    /// Why a request is not authenticated; each becomes a 401 with `WWW-Authenticate`.
    public enum Failure: Error, Equatable, Sendable {
        case missing
        case malformed
        case unknown
        case expired
        case revoked

        var detail: String {
            switch self {
            case .missing: "This endpoint needs an `Authorization: Bearer <token>` header."
            case .malformed: "The Authorization header is not a bearer token."
            case .unknown: "The bearer token is not valid."
            case .expired: "The bearer token has expired."
            case .revoked: "The bearer token was revoked."
            }
        }

        /// RFC 6750 §3: no error code when no credentials were sent.
        var challenge: String {
            self == .missing ? #"Bearer realm="pathfolio""# : #"Bearer realm="pathfolio", error="invalid_token""#
        }

        /// The 401 problem response.
        public var response: HTTPResponse {
            ProblemDetails(status: .unauthorized, detail: detail).response(headers: ["WWW-Authenticate": challenge])
        }
    }

    /// The hash of the bearer token `request` presents (the form it is stored in), after the
    /// checks that need no database.
    public static func tokenHash(of request: HTTPRequest) throws(Failure) -> [UInt8] {
        guard let header = request.headers["Authorization"] else { throw Failure.missing }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw Failure.malformed }
        var token = parts[1]
        while token.first?.isWhitespace == true { token.removeFirst() }
        while token.last?.isWhitespace == true { token.removeLast() }
        let secret = String(token)
        // Shape check before any database work: `pf_` + 43 base64url characters.
        guard secret.hasPrefix("pf_"), Base64URL.decode(String(secret.dropFirst(3)))?.count == 32 else {
            throw Failure.unknown
        }
        return BearerToken(secret: secret).hash
    }

    /// The caller a found token stands for at `now`, or why it does not.
    public static func caller(_ holder: ApiTokenStore.Holder, now: Date) throws(Failure) -> Caller {
        if holder.revokedAt != nil { throw Failure.revoked }
        if let expiry = holder.expiresAt, expiry <= now { throw Failure.expired }
        return Caller(personID: holder.personID, institutionID: holder.institutionID)
    }
}
