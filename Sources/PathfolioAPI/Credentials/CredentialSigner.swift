import Foundation
public import PathfolioCore
public import PathfolioCrypto
public import PathfolioInterop
public import PathfolioPostgres
import Synchronization

/// Signs credentials as VC-JWTs (OB 3.0 §8.2) with the institution's current key of the
/// institution's algorithm (`RS256` unless set to `EdDSA`), creating that key on first use.
/// Two requests creating the first key at once agree on one (the database keeps one current
/// key per institution and algorithm). Opened keys are kept in memory by kid: a key never
/// changes, and a rotation only makes another kid current.
public final class CredentialSigner: Sendable {
    let pool: PostgresPool
    let keyEncryptionKey: KeyEncryptionKey?
    private let opened = Mutex<[String: SigningKey]>([:])

    /// A signer over `pool`; without a key-encryption key, signing answers 503 (verifying and
    /// the JWKS need none).
    public init(pool: PostgresPool, keyEncryptionKey: KeyEncryptionKey?) {
        self.pool = pool
        self.keyEncryptionKey = keyEncryptionKey
    }

    /// Signs `credential` (an unsigned OB 3.0 / CLR 2.0 credential object: `id`, `issuer.id`,
    /// `validFrom`, optional `validUntil`, `credentialSubject.id`) for `institution`, in a
    /// transaction of its own.
    ///
    /// - Throws: 422 when the credential lacks what the JWT claims need or names another
    ///   issuer than ``CredentialIssuer/id(for:)`` of `institution`; 404 for an unknown
    ///   institution; 503 when no usable
    ///   key-encryption key is configured or the database cannot be reached.
    public func sign(credential: JSONValue, institution: InstitutionID) async throws(APIError) -> SignedCredential {
        let object = try Self.object(credential)
        do {
            return try await pool.withTransaction(settings: [("pathfolio.institution_id", institution.description)]) { connection in
                try await self.sign(object, on: connection)
            }
        } catch {
            throw Self.apiError(error)
        }
    }

    /// Like ``sign(credential:institution:)``, in `session`'s transaction (its institution):
    /// no second connection, and a key created here commits or rolls back with the request.
    func sign(credential: JSONValue, in session: Session) async throws(APIError) -> SignedCredential {
        guard !session.isCommitted else { return try await sign(credential: credential, institution: session.institutionID) }
        let object = try Self.object(credential)
        do {
            return try await sign(object, on: session.connection)
        } catch {
            throw Self.apiError(error)
        }
    }

    private static func object(_ credential: JSONValue) throws(APIError) -> JSONObject {
        guard let object = credential.objectValue else {
            throw .unprocessable("A credential to sign must be a JSON object, not \(credential.typeName).")
        }
        return object
    }

    private func sign(_ credential: JSONObject, on connection: PostgresConnection) async throws -> SignedCredential {
        guard let kek = keyEncryptionKey else {
            throw APIError.unavailable("Credentials cannot be signed: no key-encryption key is configured "
                                       + "(set PATHFOLIO_KEY_ENCRYPTION_KEY or PATHFOLIO_KEY_ENCRYPTION_KEY_FILE).")
        }
        guard let current = try await connection.run(SigningKeyStore.currentForInstitution()) else { throw APIError.notFound }
        let issuer = CredentialIssuer.id(for: current.institution)
        guard VCJWTPayload.issuerID(of: credential) == issuer else {
            throw APIError.unprocessable("The credential's issuer.id must be \(issuer), the institution whose key signs it.")
        }
        let algorithm = SigningAlgorithm(rawValue: current.algorithm) ?? .rs256
        let key: SigningKey
        let kid: String
        if let stored = current.key {
            key = try open(stored, with: kek)
            kid = stored.kid
        } else {
            let made = try SealedSigningKey.make(algorithm, institution: current.institution, sealedWith: kek)
            let winner = try await SigningKeyStore(connection: connection).insertCurrent(made.stored)
            if winner.kid == made.stored.kid {
                key = made.key
                opened.withLock { $0[winner.kid] = made.key }
            } else {
                key = try open(winner, with: kek)
            }
            kid = winner.kid
        }
        let jwk = SealedSigningKey.jwk(of: try key.publicKey().parameters)
        do {
            let jws = try VCJWT.sign(credential: credential, algorithm: algorithm.rawValue, key: jwk) { (input: [UInt8]) throws(CryptoError) in
                try key.sign(input)
            }
            return SignedCredential(compact: jws.compact, kid: kid, algorithm: algorithm)
        } catch {
            switch error {
            case .credential(let reason): throw APIError.unprocessable("The credential cannot be signed: \(reason).")
            case .signing(let failure): throw failure
            }
        }
    }

    /// The key of a stored row, from memory or opened now.
    private func open(_ stored: SigningKeyStore.StoredKey, with kek: KeyEncryptionKey) throws -> SigningKey {
        if let key = opened.withLock({ $0[stored.kid] }) { return key }
        let result: Result<SigningKey, CryptoError>
        do throws(CryptoError) {
            result = .success(try SealedSigningKey.open(stored, with: kek))
        } catch {
            result = .failure(error)
        }
        guard case .success(let key) = result else {
            if case .failure(.authenticationFailed) = result {
                throw APIError.unavailable("Credentials cannot be signed: the configured key-encryption key does not open "
                                           + "signing key \(stored.kid) (is PATHFOLIO_KEY_ENCRYPTION_KEY the one the keys were made with?).")
            }
            return try result.get()
        }
        opened.withLock { $0[stored.kid] = key }
        return key
    }

    /// An error of signing as the API answers it: its own errors as they are; anything else
    /// (the database, libcrypto) 503, with the reason in the operator's log.
    private static func apiError(_ error: any Error) -> APIError {
        if let error = error as? APIError { return error }
        let line = #"{"event":"credential_signing_failed","error":"\#(String(describing: error).replacingOccurrences(of: "\"", with: "'"))"}"# + "\n"
        FileHandle.standardError.write(Data(line.utf8))
        return .unavailable("The credential could not be signed now; try again later.")
    }
}
