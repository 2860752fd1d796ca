import Foundation
import PathfolioAPI
import PathfolioCore
import PathfolioPostgres

/// `pathfolio token create --institution SLUG --person ID [--label TEXT] [--expires WHEN]`:
/// makes a bearer token for a person and prints it once; only its hash is stored.
enum TokenCommand {
    static func run(_ options: CommandLineOptions, subcommand: String?) async throws {
        guard subcommand == "create" else {
            throw CommandError.usage("say `pathfolio token create …`")
        }
        try options.rejectUnknown(allowed: ["institution", "person", "label", "expires", "database-url"])
        guard let slug = options.value("institution") else { throw CommandError.usage("--institution SLUG is required") }
        guard let text = options.value("person") else { throw CommandError.usage("--person ID is required") }
        guard let person = PersonID(text) else { throw CommandError.usage("--person \(text) is not a UUID") }
        let label = options.value("label") ?? "created with pathfolio token create"
        let expiresAt = try options.value("expires").map { when throws(CommandError) in try expiry(when) }
        if let expiresAt, expiresAt <= Date() {
            throw CommandError.usage("--expires \(options.value("expires") ?? "") is already in the past")
        }

        let pool = try PostgresPool(configuration: .init(connectionString: try DatabaseURL.value(options), maximumConnections: 1))

        let found = try await pool.withConnection { try await InstitutionStore(connection: $0).id(forSlug: slug) }
        guard let institution = found else { throw CommandError.failed("no institution has the slug \(slug)") }
        let token = try BearerToken.generate()
        try await pool.withTransaction(settings: [("pathfolio.institution_id", institution.description)]) { connection in
            guard try await PersonStore(connection: connection).profile(of: person) != nil else {
                throw CommandError.failed("no person \(person) in institution \(slug)")
            }
            _ = try await TokenRegistryStore(connection: connection)
                .insert(id: UUID(), hash: token.hash, person: person, label: label, expiresAt: expiresAt)
        }
        await pool.close()
        Console.say(token.secret)
        FileHandle.standardError.write(Data("Keep this token now: only its hash is stored, it cannot be shown again.\n".utf8))
    }

    /// `YYYY-MM-DD` (the end of that day, UTC) or an RFC 3339 instant.
    static func expiry(_ text: String) throws(CommandError) -> Date {
        if let date = try? CalendarDate(iso: text) {
            return Date(timeIntervalSince1970: Double(date.adding(days: 1).daysSinceUnixEpoch) * 86_400)
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        throw .usage("--expires \(text) is neither YYYY-MM-DD nor an RFC 3339 time")
    }
}
