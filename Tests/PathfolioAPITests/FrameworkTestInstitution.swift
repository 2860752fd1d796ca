import Foundation
import PathfolioAPI
import PathfolioCore
import PathfolioPostgres
import PathfolioTestSupport

/// The real CASE frameworks of `shared/standards/case/frameworks` (beside this clone;
/// `PATHFOLIO_STANDARDS_DIR` overrides), read in place.
enum CASEFixtures {
    static let directory: String = {
        if let explicit = ProcessInfo.processInfo.environment["PATHFOLIO_STANDARDS_DIR"], !explicit.isEmpty {
            return (explicit.hasSuffix("/") ? explicit : explicit + "/") + "case/frameworks/"
        }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }   // …/<clone>/Tests/PathfolioAPITests/this file
        return url.appendingPathComponent("shared/standards/case/frameworks").path + "/"
    }()

    /// Every fixture in the folder, so a new one is covered without touching the tests.
    static let files: [String] = {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }()

    static let largest = "sbac-math-content-specification.json"

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + name)))
    }
}

/// A fresh database with the demo institution, and helpers to import into it and read it as
/// the service does (the app role, the tenant set in each transaction).
struct FrameworkTestInstitution {
    let database: TestDatabase
    let owner: PostgresConnection
    let pool: PostgresPool
    let institution: InstitutionID
    let admin: PersonID

    static func make() async throws -> FrameworkTestInstitution {
        let database = try await TestPostgres.shared.makeDatabase()
        let owner = try await PostgresConnection.connect(to: database.ownerConnectionString)
        let demo = try await DemoInstitution.load(on: owner)
        return FrameworkTestInstitution(database: database, owner: owner, pool: try database.makePool(),
                                        institution: demo.institution, admin: demo.admin)
    }

    var store: FrameworkCatalogStore { FrameworkCatalogStore(institution: institution) }

    /// Runs `body` in a transaction of `tenant` (default: this institution).
    func transaction<T: Sendable>(as tenant: InstitutionID? = nil,
                                  _ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await pool.withTransaction(settings: [("pathfolio.institution_id", (tenant ?? institution).description)], body)
    }

    /// Imports a package as the admin, in one transaction.
    func importPackage(_ bytes: [UInt8], into tenant: InstitutionID? = nil, now: Date = Date()) async throws -> FrameworkImportResult {
        let institution = tenant ?? self.institution, admin = self.admin
        return try await transaction(as: institution) { connection in
            try await FrameworkImport().importPackage(bytes, institution: institution, actor: admin, on: connection, now: now)
        }
    }

    /// Rows of a table the tenant sees.
    func count(_ table: String, where condition: String = "true", as tenant: InstitutionID? = nil) async throws -> Int {
        try await transaction(as: tenant) { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table) WHERE \(condition)"))[0]
                .decode(Int.self, at: 0)
        }
    }

    /// Rows of every catalog table and of the import audit entries, in one tuple.
    func rowCounts() async throws -> [Int] {
        [try await count("frameworks"), try await count("competencies"), try await count("competency_associations"),
         try await count("audit_log", where: "action = 'framework.import'")]
    }

    /// Creates another institution (as the owner) and returns its id.
    func makeOtherInstitution(slug: String) async throws -> InstitutionID {
        let id = InstitutionID(UUID())
        try await owner.query("INSERT INTO institutions (id, slug, name) VALUES (\(id), \(slug), \(slug))")
        return id
    }
}
