public import Foundation
public import PathfolioCore
public import PathfolioCrypto
public import PathfolioPostgres

/// Operators' work on an institution's signing keys (`pathfolio keys`): rotating and listing.
public enum SigningKeys {
    /// What a rotation did.
    public struct Rotation: Sendable {
        public let kid: String
        public let algorithm: SigningAlgorithm
        public let retiredKid: String?
    }

    /// One key as listed.
    public struct Summary: Sendable {
        public let kid: String
        public let algorithm: String
        public let createdAt: Date
        public let retiredAt: Date?
        /// Whether it is the current key of the institution's algorithm (the one signing now).
        public let isInUse: Bool
    }

    /// Why a rotation was refused.
    public enum RotationError: Error, CustomStringConvertible {
        /// The key-encryption key does not open the institution's current key: a new key sealed
        /// with it would be one the service cannot open.
        case wrongKeyEncryptionKey(kid: String)
        case crypto(CryptoError)

        public var description: String {
            switch self {
            case .wrongKeyEncryptionKey(let kid):
                "the key-encryption key does not open the current key \(kid); rotate with the key the service runs with"
            case .crypto(let error): "\(error)"
            }
        }
    }

    /// Makes a new current key of `algorithm` (default: the institution's) and retires the
    /// current one of that algorithm, in one transaction.
    public static func rotate(pool: PostgresPool, institution: InstitutionID, algorithm: SigningAlgorithm?,
                              keyEncryptionKey kek: KeyEncryptionKey) async throws -> Rotation {
        try await pool.withTransaction(settings: [("pathfolio.institution_id", institution.description)]) { connection in
            let chosen: SigningAlgorithm
            if let algorithm {
                chosen = algorithm
            } else {
                chosen = SigningAlgorithm(rawValue: try await InstitutionStore(connection: connection).credentialAlgorithm()) ?? .rs256
            }
            let store = SigningKeyStore(connection: connection)
            if let current = try await store.current(algorithm: chosen.rawValue) {
                var failure: CryptoError?
                do throws(CryptoError) { _ = try SealedSigningKey.open(current, with: kek) } catch { failure = error }
                if let failure {
                    throw failure == .authenticationFailed ? RotationError.wrongKeyEncryptionKey(kid: current.kid) : .crypto(failure)
                }
            }
            let made: (stored: SigningKeyStore.StoredKey, key: SigningKey)
            do throws(CryptoError) {
                made = try SealedSigningKey.make(chosen, institution: institution, sealedWith: kek)
            } catch {
                throw RotationError.crypto(error)
            }
            let retired = try await store.rotate(to: made.stored)
            return Rotation(kid: made.stored.kid, algorithm: chosen, retiredKid: retired)
        }
    }

    /// The institution's keys, oldest first.
    public static func list(pool: PostgresPool, institution: InstitutionID) async throws -> [Summary] {
        try await pool.withTransaction(settings: [("pathfolio.institution_id", institution.description)]) { connection in
            let algorithm = try await InstitutionStore(connection: connection).credentialAlgorithm()
            return try await SigningKeyStore(connection: connection).all().map { key in
                Summary(kid: key.kid, algorithm: key.algorithm, createdAt: key.createdAt, retiredAt: key.retiredAt,
                        isInUse: key.retiredAt == nil && key.algorithm == algorithm)
            }
        }
    }
}
