import Foundation
import PathfolioPostgres

/// OneRoster packages for the API tests: the shared fixture sets (`shared/standards/oneroster`,
/// read in place) and hand-written ones, zipped by Python's `zipfile` (CI has `python3`).
enum RosterFixtures {
    static let directory: String = {
        if let explicit = ProcessInfo.processInfo.environment["PATHFOLIO_STANDARDS_DIR"], !explicit.isEmpty {
            return (explicit.hasSuffix("/") ? explicit : explicit + "/") + "oneroster/"
        }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 { url.deleteLastPathComponent() }   // …/<clone>/Tests/PathfolioAPITests/Support/this file
        return url.appendingPathComponent("shared/standards/oneroster").path + "/"
    }()

    /// A fixture set's files, by name.
    static func files(_ set: String) throws -> [String: String] {
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory + set) {
            files[name] = String(decoding: try Data(contentsOf: URL(fileURLWithPath: directory + set + "/" + name)), as: UTF8.self)
        }
        return files
    }

    /// A deflated ZIP of `files` (under `folder/` when given).
    static func zip(_ files: [String: String], folder: String? = nil) throws -> Data {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("pathfolio-roster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let names = files.keys.sorted()
        for (index, name) in names.enumerated() { try Data(files[name]!.utf8).write(to: work.appendingPathComponent("\(index)")) }
        try JSONSerialization.data(withJSONObject: names.map { (folder.map { $0 + "/" } ?? "") + $0 })
            .write(to: work.appendingPathComponent("names.json"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import json, sys, zipfile
            work = sys.argv[1]
            with zipfile.ZipFile(work + "/out.zip", "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for index, name in enumerate(json.load(open(work + "/names.json"))):
                    archive.writestr(name, open(f"{work}/{index}", "rb").read())
            """, work.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        return try Data(contentsOf: work.appendingPathComponent("out.zip"))
    }

    /// A 1.1 or 1.2 manifest declaring `files` (table → mode), every other table absent.
    static func manifest(_ version: String, _ files: [String: String]) -> String {
        var text = "propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,\(version)\r\n"
        for (table, mode) in files.sorted(by: { $0.key < $1.key }) { text += "file.\(table),\(mode)\r\n" }
        return text
    }

    /// The tables an import writes, for before/after comparisons.
    static let tables = ["orgs", "org_members", "academic_sessions", "people", "person_roles", "classes", "class_members",
                         "enrollments", "advising", "person_demographics", "roster_imports"]
}

extension APIWorld {
    /// Rows of each roster table (all institutions, as the superuser).
    func rosterCounts() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in RosterFixtures.tables { counts[table] = try await count(table) }
        return counts
    }

    /// A digest of every row of the roster tables (but the import log), to see that nothing changed.
    func rosterChecksum() async throws -> String {
        let tables = RosterFixtures.tables.filter { $0 != "roster_imports" }
        let sql = tables.map { "(SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \($0) t)" }
            .joined(separator: " || ")
        return try await scalar("SELECT \(sql)")
    }

    /// The first column of the first row of `sql`, run as the superuser, as text.
    func scalar(_ sql: String) async throws -> String {
        let superuser = try await PostgresConnection.connect(to: database.superuserConnectionString)
        defer { Task { await superuser.close() } }
        return try await superuser.query(PostgresQuery(unsafeSQL: "SELECT (\(sql))::text"))[0].decode(String?.self, at: 0) ?? ""
    }

    /// A person's id by sourcedId.
    func person(_ sourcedId: String) async throws -> String {
        try await scalar("SELECT id FROM people WHERE source_id = '\(sourcedId)'")
    }

    /// Posts a package as the admin (or `who`).
    func importRoster(_ zip: Data, as who: Who = .admin, query: String = "", headers: [String: String] = [:]) async throws -> Answer {
        try await call("POST", "/v1/rosters/import" + query, as: who, body: zip,
                       headers: ["Content-Type": "application/zip"].merging(headers) { $1 })
    }
}
