public import Foundation

/// A VC-JWT's payload read back: the claims and the credential they carry, in either shape
/// OB 3.0 §8.2.6 names (the credential as the payload itself, or under a VC 1.1 `vc` claim),
/// and the claim checks of §8.2.6.1.
public struct VCJWTPayload: Sendable, Hashable {
    /// Where the credential sat.
    public enum Shape: String, Sendable, Hashable {
        /// VC 2.0 / OB 3.0: the payload is the credential, plus the claims.
        case credential
        /// VC 1.1: the credential is the `vc` claim.
        case legacyVCClaim
    }

    /// Largest NumericDate accepted (9999-12-31T23:59:59Z).
    static let latestNumericDate = 253_402_300_799.0

    public let shape: Shape
    /// The whole JWT claims set.
    public let claims: JSONObject
    /// The credential.
    public let credential: JSONObject

    /// Reads a JWS payload: JSON, an object, and (for the legacy shape) an object `vc`.
    public init(_ bytes: [UInt8]) throws(JOSEError) {
        let value: JSONValue
        do {
            value = try JSONParser(maximumDepth: 64).parse(bytes)
        } catch {
            throw .notJSON(part: "payload", reason: error.description)
        }
        guard let claims = value.objectValue else { throw .notObject(part: "payload") }
        self.claims = claims
        if let vc = claims["vc"] {
            guard let credential = vc.objectValue else { throw .invalidClaim("the \"vc\" claim is not a JSON object") }
            shape = .legacyVCClaim
            self.credential = credential
        } else {
            shape = .credential
            self.credential = claims
        }
    }

    /// The `iss` claim, when a string.
    public var issuer: String? { claims["iss"]?.stringValue }
    /// The `jti` claim, when a string (the credential's id).
    public var tokenID: String? { claims["jti"]?.stringValue }
    /// The credential's `id`, when a string.
    public var credentialID: String? { credential["id"]?.stringValue }

    /// `issuer` as a string, or `issuer.id`.
    public static func issuerID(of credential: JSONObject) -> String? {
        switch credential["issuer"] {
        case .string(let id)?: id
        case .object(let object)?: object["id"]?.stringValue
        default: nil
        }
    }

    /// The ids of the credential's subjects (`credentialSubject` may be one object or an array).
    public static func subjectIDs(of credential: JSONObject) -> [String] {
        switch credential["credentialSubject"] {
        case .object(let subject)?: subject["id"]?.stringValue.map { [$0] } ?? []
        case .array(let subjects)?: subjects.compactMap { $0["id"]?.stringValue }
        default: []
        }
    }

    /// The checks of OB 3.0 §8.2.6.1 (and the credential's shape), at `now`, allowing `leeway`
    /// seconds of clock difference: `credential` (type includes VerifiableCredential), `iss`,
    /// `sub`, `jti`, `nbf`, `exp`.
    public func checks(now: Date, leeway: TimeInterval = 60) -> [CredentialCheck] {
        var checks: [CredentialCheck] = []
        let legacy = shape == .legacyVCClaim
        let types: [String] = switch credential["type"] {
        case .string(let type)?: [type]
        case .array(let types)?: types.compactMap(\.stringValue)
        default: []
        }
        let kind = types.first { $0 != "VerifiableCredential" } ?? "credential"
        if types.contains("VerifiableCredential") {
            checks.append(CredentialCheck("credential", .passed,
                                          legacy ? "a \(kind) in the legacy VC 1.1 \"vc\" claim" : "a \(kind) (VC 2.0 payload)"))
        } else {
            checks.append(CredentialCheck("credential", .failed, "the credential's type does not include VerifiableCredential"))
        }

        checks.append(Self.match("iss", claims["iss"], Self.issuerID(of: credential).map { [$0] } ?? [], "issuer.id", required: true))
        let subjects = Self.subjectIDs(of: credential)
        if claims["sub"] == nil, subjects.isEmpty {
            checks.append(CredentialCheck("sub", .passed, "neither a sub claim nor a credentialSubject.id"))
        } else {
            checks.append(Self.match("sub", claims["sub"], subjects, "credentialSubject.id", required: true))
        }
        checks.append(Self.match("jti", claims["jti"], credentialID.map { [$0] } ?? [], "id", required: true))

        let fromName = credential["validFrom"] != nil || !legacy ? "validFrom" : "issuanceDate"
        let from = credential[fromName]?.stringValue.flatMap(CASEDateTime.parse)
        switch Self.numericDate(claims["nbf"]) {
        case .missing:
            checks.append(CredentialCheck("nbf", .failed, "the nbf claim is missing"))
        case .invalid(let why):
            checks.append(CredentialCheck("nbf", .failed, "nbf \(why)"))
        case .date(let nbf):
            if let from, abs(from.timeIntervalSince1970.rounded(.down) - nbf.timeIntervalSince1970.rounded(.down)) >= 1 {
                checks.append(CredentialCheck("nbf", .failed, "nbf (\(Self.format(nbf))) is not the credential's \(fromName) (\(Self.format(from)))"))
            } else if from == nil {
                checks.append(CredentialCheck("nbf", .failed, "the credential has no RFC 3339 \(fromName) for nbf to match"))
            } else if nbf.timeIntervalSince(now) > leeway {
                checks.append(CredentialCheck("nbf", .failed, "not valid before \(Self.format(nbf))"))
            } else {
                checks.append(CredentialCheck("nbf", .passed, "valid from \(Self.format(nbf))"))
            }
        }

        let untilName = credential["validUntil"] != nil || !legacy ? "validUntil" : "expirationDate"
        let untilValue = credential[untilName]
        let until = untilValue?.stringValue.flatMap(CASEDateTime.parse)
        switch Self.numericDate(claims["exp"]) {
        case .missing:
            if untilValue == nil {
                checks.append(CredentialCheck("exp", .passed, "does not expire"))
            } else {
                checks.append(CredentialCheck("exp", .failed, "the credential has \(untilName) but the JWT has no exp claim"))
            }
        case .invalid(let why):
            checks.append(CredentialCheck("exp", .failed, "exp \(why)"))
        case .date(let exp):
            if untilValue != nil, until == nil {
                checks.append(CredentialCheck("exp", .failed, "the credential's \(untilName) is not an RFC 3339 date-time"))
            } else if let until, abs(until.timeIntervalSince1970.rounded(.down) - exp.timeIntervalSince1970.rounded(.down)) >= 1 {
                checks.append(CredentialCheck("exp", .failed, "exp (\(Self.format(exp))) is not the credential's \(untilName) (\(Self.format(until)))"))
            } else if now.timeIntervalSince(exp) > leeway {
                checks.append(CredentialCheck("exp", .failed, "expired at \(Self.format(exp))"))
            } else {
                checks.append(CredentialCheck("exp", .passed, "valid until \(Self.format(exp))"))
            }
        }
        return checks
    }

    private static func match(_ claim: String, _ value: JSONValue?, _ expected: [String], _ member: String, required: Bool) -> CredentialCheck {
        guard let value else { return CredentialCheck(claim, .failed, "the \(claim) claim is missing") }
        guard let text = value.stringValue else { return CredentialCheck(claim, .failed, "the \(claim) claim is not a string") }
        guard !expected.isEmpty else { return CredentialCheck(claim, .failed, "the credential has no \(member) for \(claim) to match") }
        guard expected.contains(text) else {
            return CredentialCheck(claim, .failed, "\(claim) \"\(text)\" is not the credential's \(member) \"\(expected[0])\"")
        }
        return CredentialCheck(claim, .passed, "\(claim) is the credential's \(member): \(text)")
    }

    private enum NumericDate {
        case missing
        case invalid(String)
        case date(Date)
    }

    /// A NumericDate (RFC 7519 §2): a JSON number of seconds since the epoch, within 0…year 9999.
    private static func numericDate(_ value: JSONValue?) -> NumericDate {
        guard let value else { return .missing }
        guard case .number(let text) = value else { return .invalid("is not a number") }
        guard let seconds = Double(text), seconds.isFinite, (0...latestNumericDate).contains(seconds) else {
            return .invalid("is not a NumericDate between 1970 and 9999")
        }
        return .date(Date(timeIntervalSince1970: seconds))
    }

    private static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
