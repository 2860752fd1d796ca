import Foundation
import PathfolioAPI
import PathfolioCore
import PathfolioCrypto
import PathfolioPostgres

/// `pathfolio keys rotate --institution SLUG [--algorithm RS256|EdDSA]` makes a new current
/// signing key (the old one is retired: it signs no more and stays published);
/// `pathfolio keys list --institution SLUG` lists an institution's keys.
enum KeysCommand {
    static func run(_ options: CommandLineOptions, subcommand: String?) async throws {
        guard let subcommand, ["rotate", "list"].contains(subcommand) else {
            throw CommandError.usage("say `pathfolio keys rotate …` or `pathfolio keys list …`")
        }
        try options.rejectUnknown(allowed: subcommand == "rotate"
            ? ["institution", "algorithm", "database-url", "key-encryption-key-file"] : ["institution", "database-url"])
        guard let slug = options.value("institution") else { throw CommandError.usage("--institution SLUG is required") }
        var algorithm: SigningAlgorithm?
        if let text = options.value("algorithm") {
            guard let chosen = SigningAlgorithm(rawValue: text) else { throw CommandError.usage("--algorithm must be RS256 or EdDSA") }
            algorithm = chosen
        }
        let kek = subcommand == "rotate" ? try KeyEncryptionKeySource.load(options) : nil
        if subcommand == "rotate", kek == nil {
            throw CommandError.usage("rotating needs the key-encryption key: set \(KeyEncryptionKeySource.variable) "
                                     + "or \(KeyEncryptionKeySource.fileVariable) (the one the service runs with)")
        }

        let pool = try PostgresPool(configuration: .init(connectionString: try DatabaseURL.value(options), maximumConnections: 1))
        defer { Task { await pool.close() } }
        guard let institution = try await pool.withConnection({ try await InstitutionStore(connection: $0).id(forSlug: slug) }) else {
            throw CommandError.failed("no institution has the slug \(slug)")
        }
        if subcommand == "rotate" {
            let rotation: SigningKeys.Rotation
            do {
                rotation = try await SigningKeys.rotate(pool: pool, institution: institution, algorithm: algorithm, keyEncryptionKey: kek!)
            } catch let error as SigningKeys.RotationError {
                throw CommandError.failed(error.description)
            }
            Console.say(rotation.kid)
            let retired = rotation.retiredKid.map { "; \($0) is retired (still published)" } ?? ""
            FileHandle.standardError.write(Data("New current \(rotation.algorithm.rawValue) key for \(slug)\(retired).\n".utf8))
        } else {
            let keys = try await SigningKeys.list(pool: pool, institution: institution)
            if keys.isEmpty { Console.say("\(slug) has no signing keys yet (one is made when it first signs).") }
            for key in keys {
                let state = key.retiredAt.map { "retired \(Timestamp.format($0))" } ?? (key.isInUse ? "current, in use" : "current")
                Console.say("\(key.kid)  \(key.algorithm)  created \(Timestamp.format(key.createdAt))  \(state)")
            }
        }
    }
}
