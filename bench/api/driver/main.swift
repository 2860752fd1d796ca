// The API benchmark (bench/api/README.md): the real service (`pathfolio serve`) against the
// database doing the same statements, in one run on one private cluster.
//
//   W1  evidence + review over HTTP (wrk) vs pgbench running the same statements, one round trip each
//   W2  a learner's progress (200 competencies) over HTTP (wrk) vs pgbench on the same statements
//   import  the largest CASE fixture through POST /v1/frameworks/import vs psql \copy of the same rows
//   plans   a template instantiated for every learner over HTTP vs the same statement run directly
//           (plans/s); an advisor's caseload of 500 over HTTP (wrk) vs pgbench on the same statements
//   export  the bulk CSV transcript export (every state made mastered: learners × competencies rows)
//           over HTTP vs `COPY (the same query) TO STDOUT` through psql (rows/s), and the service's peak
//           RSS exporting 100k rows vs all of them (a fresh service process)
//
// Usage: PathfolioAPIBench --pathfolio PATH [--seconds 10] [--clients 4,16,64] [--learners 10000]
//        [--workloads w1,w2,import,plans,export] [--modes extended,prepared] [--rounds 1] [--import-runs 3] [--pool-size 16]
//        [--caseload 500] [--verify-seed] [--keep]
import Foundation
import PathfolioAPI
import PathfolioCore
import PathfolioPostgres

struct Options {
    var pathfolio = ""
    var seconds = 10
    var clients = [4, 16, 64]
    var learners = 10_000
    var perAssessor = 100
    var strands = 10
    var leaves = 19
    var workloads: Set<String> = ["w1", "w2", "import", "plans", "export"]
    /// Advisees of the plans workload's first advisor (the second advises the other learners).
    var caseload = 500
    var modes = ["extended", "prepared"]
    var importRuns = 3
    var rounds = 1
    var poolSize = 16
    var verifySeed = false
    var keep = false
    var port = 18090
    var importFile = ""

    init(_ arguments: [String]) {
        var rest = arguments[...]
        func value(_ name: String) -> String {
            guard let next = rest.popFirst() else { fail("\(name) needs a value") }
            return next
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--pathfolio": pathfolio = value(argument)
            case "--seconds": seconds = Int(value(argument))!
            case "--clients": clients = value(argument).split(separator: ",").map { Int($0)! }
            case "--learners": learners = Int(value(argument))!
            case "--per-assessor": perAssessor = Int(value(argument))!
            case "--workloads": workloads = Set(value(argument).split(separator: ",").map(String.init))
            case "--modes": modes = value(argument).split(separator: ",").map(String.init)
            case "--import-runs": importRuns = Int(value(argument))!
            case "--rounds": rounds = Int(value(argument))!
            case "--pool-size": poolSize = Int(value(argument))!
            case "--port": port = Int(value(argument))!
            case "--import-file": importFile = value(argument)
            case "--caseload": caseload = Int(value(argument))!
            case "--verify-seed": verifySeed = true
            case "--keep": keep = true
            default: fatalError("unknown option \(argument)")
            }
        }
        if pathfolio.isEmpty { fatalError("--pathfolio PATH (the release build of the service) is required") }
    }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let benchDirectory: String = {
    var url = URL(fileURLWithPath: #filePath)
    url.deleteLastPathComponent()   // driver/
    url.deleteLastPathComponent()   // api/
    return url.path
}()
let repository = URL(fileURLWithPath: benchDirectory).deletingLastPathComponent().deletingLastPathComponent().path
let importFile = options.importFile.isEmpty
    ? (ProcessInfo.processInfo.environment["PATHFOLIO_STANDARDS_DIR"].map { $0 + "/" }
        ?? URL(fileURLWithPath: repository).deletingLastPathComponent().path + "/shared/standards/")
        + "case/frameworks/sbac-math-content-specification.json"
    : options.importFile

func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

let root = "/var/tmp/pathfolio-api-bench-\(getpid())"
let settings = [
    "max_connections": "300", "shared_buffers": "'1GB'", "max_wal_size": "'8GB'", "checkpoint_timeout": "'30min'",
    "log_min_messages": "warning",
]
let cluster = try LocalPostgresCluster(root: root)
try cluster.initialize(settings: settings, durable: true)
try cluster.start()
nonisolated(unsafe) var server: Shell.Child?

/// Stops the service and, unless `--keep`, the cluster, and removes its folder.
func cleanUp() {
    server?.terminate()
    server = nil
    if !options.keep {
        try? cluster.stop(immediate: true)
        try? FileManager.default.removeItem(atPath: root)
    } else {
        say("kept: \(root) (cluster still running; stop it with pg_ctl -D \(cluster.dataDirectory) stop)")
    }
}

func fail(_ message: String) -> Never {
    say("FAILED: " + message)
    cleanUp()
    exit(1)
}

do {    say("cluster: \(root), PostgreSQL \(try Shell.run([cluster.binDirectory + "/postgres", "--version"]).trimmingCharacters(in: .whitespacesAndNewlines)); "
        + settings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") + ", fsync and synchronous_commit on")

    // Roles, database, migrations (as the owner, like `pathfolio dev`).
    let superuser = try await PostgresConnection.connect(to: cluster.connectionString(database: "postgres"))
    try await ServiceRoles.ensure(on: superuser)
    try await ServiceRoles.ensureDatabase("pathfolio", on: superuser)
    await superuser.close()
    let owner = try await PostgresConnection.connect(to: cluster.connectionString(database: "pathfolio", user: ServiceRoles.owner))
    try await MigrationRunner(migrations: Migration.load(from: repository + "/schema")).migrate(on: owner)
    await owner.close()

    // People and tokens.
    let seed = BenchSeed(learners: options.learners, learnersPerAssessor: options.perAssessor, strands: options.strands,
                         leaves: options.leaves, importInstitutions: 2 * options.importRuns)
    let database = try await PostgresConnection.connect(to: cluster.connectionString(database: "pathfolio"))
    var started = ContinuousClock.now
    try await seed.people(on: database)
    say(String(format: "seeded %d learners, %d assessors and their tokens in %.1f s", options.learners, seed.assessors,
               Shell.seconds(since: started)))

    // The service, as deployed: `pathfolio serve` in its own process, access log on (to /dev/null).
    let appURL = cluster.connectionString(database: "pathfolio", user: ServiceRoles.app)
    let base = "http://127.0.0.1:\(options.port)"
    server = try Shell.start([options.pathfolio, "serve", "--database-url", appURL, "--listen", "127.0.0.1:\(options.port)",
                              "--schema", repository + "/schema", "--pool-size", String(options.poolSize)],
                             log: "/dev/null")
    var ready = false
    for _ in 0..<100 {
        if (try? Shell.run(["curl", "-sf", base + "/healthz"], check: true)) != nil { ready = true; break }
        try await Task.sleep(for: .milliseconds(100))
    }
    guard ready else { fail("the service did not start") }

    func curl(_ method: String, _ path: String, token: String, bodyFile: String? = nil) throws -> (status: Int, seconds: Double, body: String) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID()).out").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        var arguments = ["curl", "-s", "-o", output, "-w", "%{http_code} %{time_total}", "-X", method,
                         "-H", "Authorization: Bearer \(token)", base + path]
        if let bodyFile { arguments += ["-H", "Content-Type: application/json", "--data-binary", "@" + bodyFile] }
        let parts = try Shell.run(arguments).split(separator: " ")
        let body = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        return (Int(parts[0]) ?? 0, Double(parts[1]) ?? 0, body)
    }

    // The framework, imported through the API like an admin would.
    let work = root + "/work"
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    let framework = BenchFramework(strands: options.strands, leaves: options.leaves)
    try framework.package().write(toFile: work + "/framework.json", atomically: true, encoding: .utf8)
    let imported = try curl("POST", "/v1/frameworks/import", token: BenchIDs.secret("admin"), bodyFile: work + "/framework.json")
    guard imported.status == 201 else { fail("framework import: \(imported.status) \(imported.body)") }

    started = ContinuousClock.now
    try await seed.ledger(on: database)
    let counts = try await database.query("""
        SELECT (SELECT count(*) FROM evidence)::int8, (SELECT count(*) FROM reviews)::int8, (SELECT count(*) FROM mastery_states)::int8,
               pg_size_pretty(pg_database_size(current_database()))
        """)[0]
    say(String(format: "seeded the ledger in %.1f s: %d evidence, %d reviews, %d mastery states (%d learners × %d competencies), database %@",
               Shell.seconds(since: started), try counts.decode(Int.self, at: 0), try counts.decode(Int.self, at: 1),
               try counts.decode(Int.self, at: 2), options.learners, framework.competencyCount, try counts.decode(String.self, at: 3)))

    if options.workloads.contains("plans") {
        started = ContinuousClock.now
        try await seed.advising(firstCaseload: options.caseload, on: database)
        say(String(format: "seeded 2 advisors: advisor 1 advises learners 1–%d, advisor 2 the other %d (%.1f s)",
                   options.caseload, options.learners - options.caseload, Shell.seconds(since: started)))
    }

    if options.verifySeed {
        started = ContinuousClock.now
        let pool = try PostgresPool(configuration: .init(connectionString: appURL, maximumConnections: 1))
        let report = try await MasteryRebuild(pool: pool).run(check: true, institution: "bench")
        await pool.close()
        say(String(format: "seed check (pathfolio mastery rebuild --check): %d learners, %d states, %d differences, %.1f s",
                   report.learners, report.statesComputed, report.differences.count, Shell.seconds(since: started)))
        for difference in report.differences.prefix(5) { say("  \(difference)") }
    }

    // What wrk's scripts need: every token secret.
    var lua = "return {\n  learners = \(options.learners), perAssessor = \(options.perAssessor), strands = \(options.strands), leaves = \(options.leaves),\n"
    lua += "  assessors = {" + (1...seed.assessors).map { "\"\(BenchIDs.secret("assessor/\($0)"))\"" }.joined(separator: ",") + "},\n"
    lua += "  learnerTokens = {" + (1...options.learners).map { "\"\(BenchIDs.secret("learner/\($0)"))\"" }.joined(separator: ",") + "},\n"
    let caseloadPath = "/v1/advisors/\(BenchIDs.advisor(1))/caseload?limit=200"
    lua += "  caseloadPath = \"\(caseloadPath)\", caseloadToken = \"\(BenchIDs.secret("advisor/1"))\",\n}\n"
    try lua.write(toFile: work + "/data.lua", atomically: true, encoding: .utf8)
    let wrkEnvironment = ["PATHFOLIO_BENCH_DATA": work + "/data.lua"]

    // Sanity: one progress read answers 200 with every competency.
    let progress = try curl("GET", "/v1/learners/\(BenchIDs.learner(1))/progress", token: BenchIDs.secret("learner/1"))
    guard progress.status == 200, progress.body.contains("\"total\":\(framework.competencyCount)") else {
        fail("progress check: \(progress.status) \(progress.body.prefix(300))")
    }

    func result(_ output: String, _ key: String) -> Double? {
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("RESULT ") }) else { return nil }
        for field in line.split(separator: " ") where field.hasPrefix(key + "=") {
            return Double(field.dropFirst(key.count + 1))
        }
        return nil
    }

    /// wrk at `clients` connections: the script's RESULT line.
    func wrk(_ script: String, clients: Int) throws -> String {
        let output = try Shell.run(["wrk", "-t2", "-c\(clients)", "-d\(options.seconds)s", "--timeout", "10s",
                                    "-s", benchDirectory + "/wrk/" + script, base], environment: wrkEnvironment)
        guard output.contains("RESULT ") else { throw Shell.Failure(description: "wrk printed no result:\n\(output)") }
        return output
    }

    /// pgbench with a script at `clients` clients: transactions (script runs) per second.
    func pgbench(_ script: String, clients: Int, mode: String) throws -> Double {
        let output = try Shell.run([
            cluster.binDirectory + "/pgbench", "-h", cluster.socketDirectory, "-p", "5432", "-U", ServiceRoles.app, "-n",
            "-M", mode, "-c", String(clients), "-j", "2", "-T", String(options.seconds),
            "-D", "learners=\(options.learners)", "-D", "per_assessor=\(options.perAssessor)",
            "-D", "strands=\(options.strands)", "-D", "leaves=\(options.leaves)",
            "-f", script.hasPrefix("/") ? script : benchDirectory + "/pgbench/" + script, "pathfolio",
        ], check: false)
        guard !output.contains("aborted"), let line = output.split(separator: "\n").first(where: { $0.hasPrefix("tps = ") }),
              let value = Double(line.dropFirst(6).prefix(while: { $0 != " " })) else {
            throw Shell.Failure(description: "pgbench failed:\n\(output)")
        }
        return value
    }

    var summary: [String] = []

    /// A rate as printed: whole numbers, but a decimal or two below 100 and 10 (the caseload's are single digits).
    func figure(_ value: Double, width: Int = 0) -> String {
        let text = String(format: value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// Runs a workload at every client count, `rounds` times (service first, then pgbench in
    /// each mode, interleaved so that a slower minute of the shared machine hits both), and
    /// prints each measurement and the median ratios.
    func compare(_ name: String, unit: String, lua: String, sql: String, rate: (String, Int) throws -> Double) throws {
        say("\n\(name) — \(unit)")
        say("round  clients  service  " + options.modes.map { "pgbench -M \($0)  ratio" }.joined(separator: "  "))
        var ratios: [String: [Double]] = [:]
        var services: [Int: [Double]] = [:], references: [String: [Double]] = [:]
        for round in 1...options.rounds {
            for clients in options.clients {
                let service = try rate(try wrk(lua, clients: clients), clients)
                services[clients, default: []].append(service)
                var line = String(format: "%5d  %7d  ", round, clients) + figure(service, width: 7)
                for mode in options.modes {
                    let reference = try pgbench(sql, clients: clients, mode: mode)
                    ratios["\(clients) \(mode)", default: []].append(service / reference)
                    references["\(clients) \(mode)", default: []].append(reference)
                    line += "  " + figure(reference, width: 17) + String(format: "  %5.2f", service / reference)
                }
                say(line)
            }
        }
        let median = { (values: [Double]) -> Double in
            let sorted = values.sorted()
            return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
        for clients in options.clients {
            var line = "\(name.prefix(2)) \(clients) clients: service " + figure(median(services[clients]!))
            for mode in options.modes {
                line += ", pgbench -M \(mode) " + String(format: "%@ (ratio %.2f)", figure(median(references["\(clients) \(mode)"]!)),
                                                          median(ratios["\(clients) \(mode)"]!))
            }
            summary.append(line + (options.rounds > 1 ? " — medians of \(options.rounds) rounds" : ""))
        }
    }

    if options.workloads.contains("w1") {
        try compare("W1 evidence + review (auth, RLS, idempotency, audit)", unit: "pairs per second", lua: "w1.lua", sql: "w1.sql") {
            output, clients in
            guard result(output, "failed") == 0, result(output, "socket_errors") == 0 else { fail("W1 at \(clients) clients: \(output)") }
            return (result(output, "reviews") ?? 0) / (result(output, "seconds") ?? 1)
        }
    }

    if options.workloads.contains("w2") {
        try compare("W2 one learner's progress (\(framework.competencyCount) competencies)", unit: "requests per second",
                    lua: "w2.lua", sql: "w2.sql") { output, clients in
            guard result(output, "non2xx") == 0, result(output, "socket_errors") == 0 else { fail("W2 at \(clients) clients: \(output)") }
            return (result(output, "requests") ?? 0) / (result(output, "seconds") ?? 1)
        }
    }

    if options.workloads.contains("import") {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: importFile))
        let package = try JSONSerialization.jsonObject(with: bytes) as! [String: Any]
        let objects = 1 + (package["CFItems"] as! [Any]).count + (package["CFAssociations"] as! [Any]).count
        say("\nimport: \(URL(fileURLWithPath: importFile).lastPathComponent) (\(bytes.count) bytes, \(objects) objects), \(options.importRuns) runs each, into fresh institutions")
        var serviceSeconds: [Double] = []
        for k in 1...options.importRuns {
            let answer = try curl("POST", "/v1/frameworks/import", token: BenchIDs.secret("import-admin/\(k)"), bodyFile: importFile)
            guard answer.status == 201 else { fail("import \(k): \(answer.status) \(answer.body.prefix(300))") }
            serviceSeconds.append(answer.seconds)
        }
        // The same rows, as the service stored them for the first institution, loaded by psql \copy
        // into the other institutions (as the superuser: COPY FROM refuses tables with row-level security otherwise).
        let psql = [cluster.binDirectory + "/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", cluster.socketDirectory, "-p", "5432",
                    "-U", cluster.superuser, "-d", "pathfolio"]
        let tables = ["frameworks", "competencies", "competency_associations"]
        var columns: [String: String] = [:]
        for table in tables {
            columns[table] = try await database.query("""
                SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name = \(table) AND column_name <> 'institution_id'
                """)[0].decode(String.self, at: 0)
        }
        var copySeconds: [Double] = []
        for k in 1...options.importRuns {
            let target = BenchIDs.importInstitution(options.importRuns + k)
            var commands: [String] = []
            for table in tables {
                let file = "\(work)/\(table)-\(k).csv"
                try Shell.run(psql + ["-c", "\\copy (SELECT '\(target)'::uuid, \(columns[table]!) FROM \(table) WHERE institution_id = '\(BenchIDs.importInstitution(1))') TO '\(file)' WITH (FORMAT csv)"])
                commands += ["-c", "\\copy \(table) (institution_id, \(columns[table]!)) FROM '\(file)' WITH (FORMAT csv)"]
            }
            let start = ContinuousClock.now
            try Shell.run(psql + ["-1"] + commands)
            copySeconds.append(Shell.seconds(since: start))
        }
        let loaded = try await database.query("""
            SELECT count(*)::int8 FROM competencies WHERE institution_id = \(UUID(uuidString: BenchIDs.importInstitution(options.importRuns + 1))!)
            """)[0].decode(Int.self, at: 0)
        guard loaded == (package["CFItems"] as! [Any]).count else { fail("\\copy loaded \(loaded) competencies") }
        let median = { (values: [Double]) in values.sorted()[values.count / 2] }
        let service = Double(objects) / median(serviceSeconds), copy = Double(objects) / median(copySeconds)
        let line = String(format: "service %.0f objects/s (median %.3f s per import; runs %@)  psql \\copy %.0f rows/s (median %.3f s; runs %@)  ratio %.2f",
                          service, median(serviceSeconds), serviceSeconds.map { String(format: "%.3f", $0) }.joined(separator: " "),
                          copy, median(copySeconds), copySeconds.map { String(format: "%.3f", $0) }.joined(separator: " "), service / copy)
        say(line)
        summary.append("import: " + line)
    }

    if options.workloads.contains("plans") {
        let admin = BenchIDs.secret("admin")
        let learnerIDs = (1...options.learners).map { BenchIDs.learner($0) }
        /// A template of 3 goals (3 standards each) created through the API as the admin; its id.
        func createTemplate(_ k: Int) throws -> String {
            let goals = (1...3).map { g in
                let targets = (1...3).map { "\"\(BenchIDs.competency(strand: g, $0))\"" }.joined(separator: ", ")
                return #"{"statement": "Master standards \#(g).1 to \#(g).3", "kind": "academic", "targetCompetencyIds": [\#(targets)], "dueAfterDays": \#(60 * g)}"#
            }
            let file = work + "/template-\(k).json"
            try #"{"title": "Benchmark plan \#(k)", "goals": [\#(goals.joined(separator: ", "))]}"#.write(toFile: file, atomically: true, encoding: .utf8)
            let answer = try curl("POST", "/v1/plan-templates", token: admin, bodyFile: file)
            guard answer.status == 201, let object = try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any],
                  let id = object["id"] as? String else { fail("template \(k): \(answer.status) \(answer.body.prefix(300))") }
            return id
        }
        /// Plans, goals, history entries and audit rows of template `id`, and plans whose advisor is advisor 1.
        func planCounts(_ id: String) async throws -> [Int] {
            let template = UUID(uuidString: id)!, advisor = UUID(uuidString: BenchIDs.advisor(1))!
            let row = try await database.query("""
                SELECT (SELECT count(*) FROM plans WHERE template_id = \(template))::int8,
                       (SELECT count(*) FROM goals g JOIN plans p ON p.institution_id = g.institution_id AND p.id = g.plan_id
                        WHERE p.template_id = \(template))::int8,
                       (SELECT count(*) FROM plan_history h JOIN plans p ON p.institution_id = h.institution_id AND p.id = h.plan_id
                        WHERE p.template_id = \(template))::int8,
                       (SELECT count(*) FROM audit_log WHERE action = 'plan.create' AND details->>'templateId' = \(id))::int8,
                       (SELECT count(*) FROM plans WHERE template_id = \(template) AND advisor_ids = ARRAY[\(advisor)]::uuid[])::int8
                """)[0]
            return try (0..<5).map { try row.decode(Int.self, at: $0) }
        }
        func checkCounts(_ id: String, _ who: String) async throws {
            let found = try await planCounts(id)
            let expected = [options.learners, 3 * options.learners, options.learners, options.learners, options.caseload]
            guard found == expected else { fail("\(who): plans, goals, history, audit, advisor-1 plans \(found), expected \(expected)") }
            say("  \(who): counts checked — \(found[0]) plans, \(found[1]) goals, \(found[2]) history entries, \(found[3]) audit rows; \(found[4]) plans for advisor 1")
        }

        say("\nP1 instantiation — a template of 3 goals for \(options.learners) learners, batches of 1,000 learners, each its own transaction")
        // The service: one POST as the admin (every learner's advisors from `advising`).
        let serviceTemplate = try createTemplate(1)
        let order = work + "/instantiate.json"
        try (#"{"learnerIds": ["# + learnerIDs.map { "\"\($0)\"" }.joined(separator: ",") + #"], "startDate": "2026-09-01", "targetDate": "2027-06-30"}"#)
            .write(toFile: order, atomically: true, encoding: .utf8)
        let answer = try curl("POST", "/v1/plan-templates/\(serviceTemplate)/instantiate", token: admin, bodyFile: order)
        guard answer.status == 200, let outcome = try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any],
              outcome["created"] as? Int == options.learners else { fail("instantiate: \(answer.status) \(answer.body.prefix(300))") }
        try await checkCounts(serviceTemplate, "service")

        // The database's ceiling: the same statement (`PlanTemplateStore.instantiation`) for a second
        // template, as pathfolio_app on one connection, the tenant set in each transaction.
        let databaseTemplate = try createTemplate(2)
        let app = try await PostgresConnection.connect(to: appURL)
        let tenant = "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT set_config('pathfolio.institution_id', '\(BenchIDs.institution)', true)"
        try await app.execute(script: tenant)
        guard let stored = try await app.run(PlanTemplateStore.current(PlanTemplateID(UUID(uuidString: databaseTemplate)!))) else {
            fail("template 2 not found")
        }
        try await app.execute(script: "COMMIT")
        let learners = learnerIDs.map { PersonID(UUID(uuidString: $0)!) }
        let actor = PersonID(UUID(uuidString: BenchIDs.admin)!)
        let startDate = try CalendarDate(year: 2026, month: 9, day: 1), targetDate = try CalendarDate(year: 2027, month: 6, day: 30)
        var created = 0
        let begun = ContinuousClock.now
        for first in stride(from: 0, to: learners.count, by: 1_000) {
            let batch = Array(learners[first..<min(first + 1_000, learners.count)])
            try await app.execute(script: tenant)
            let outcomes = try await app.run(PlanTemplateStore.instantiation(stored, for: batch, startDate: startDate, targetDate: targetDate,
                                                                             advisor: nil, actor: actor))
            try await app.execute(script: "COMMIT")
            created += outcomes.filter { $0.result == .created }.count
        }
        let databaseSeconds = Shell.seconds(since: begun)
        await app.close()
        guard created == options.learners else { fail("database instantiation created \(created) plans") }
        try await checkCounts(databaseTemplate, "database")
        let servicePlans = Double(options.learners) / answer.seconds, databasePlans = Double(options.learners) / databaseSeconds
        let line = String(format: "service %.0f plans/s (%.3f s for the request)  database %.0f plans/s (%.3f s)  ratio %.2f",
                          servicePlans, answer.seconds, databasePlans, databaseSeconds, servicePlans / databasePlans)
        say("  " + line)
        summary.append("P1 instantiation: " + line)
        try await database.execute(script: "VACUUM ANALYZE plans, goals, plan_history, audit_log")

        // P2: the caseload of advisor 1, whose advisees now have two plans each (the later one's
        // goals are read) and the seeded evidence and mastery states.
        let caseload = try curl("GET", caseloadPath, token: BenchIDs.secret("advisor/1"))
        let shown = caseload.body.components(separatedBy: "\"learnerId\"").count - 1
        guard caseload.status == 200, shown == min(200, options.caseload) else {
            fail("caseload check: \(caseload.status) \(shown) advisees \(caseload.body.prefix(300))")
        }
        say(String(format: "\ncaseload check: 200, %d advisees on the page, %d bytes, %.3f s (first request)", shown, caseload.body.utf8.count,
                   caseload.seconds))
        let advisor = PersonID(UUID(uuidString: BenchIDs.advisor(1))!), advisorSQL = "'\(BenchIDs.advisor(1))'::uuid"
        var script = PgbenchScript(comment: """
            The plans workload's caseload read for pgbench, written by the driver from the service's statements:
            every statement of GET /v1/advisors/{advisor 1}/caseload?limit=200 (default order), in order, one round
            trip each, as pathfolio_app. The service sends them all, COMMIT included, in one round trip.
            """)
        script.add("BEGIN ISOLATION LEVEL READ COMMITTED")
        script.add("ApiTokenStore.opening", ApiTokenStore.opening(hash: [UInt8](repeating: 0, count: 32), validAt: Date()).query,
                   ["now()", BenchIDs.tokenHashSQL("'advisor/1'")])
        script.add("PersonStore.currentRequester", PersonStore.currentRequester().query)
        script.add("CatalogVersionStore.current", CatalogVersionStore.current().query)
        script.add("EarlyWarningSettingsStore.current", EarlyWarningSettingsStore.current().query)
        script.add("InstitutionStore.timeZone", InstitutionStore.timeZone().query)
        script.add("CaseloadStore.isAdvisor", CaseloadStore.isAdvisor(advisor).query, [advisorSQL])
        script.add("CaseloadStore.advisees", CaseloadStore.advisees(of: advisor, planStatus: nil).query, [advisorSQL, "false", "NULL::text"])
        script.add("CaseloadStore.goals", CaseloadStore.goals(.advisees(of: advisor)).query, [advisorSQL])
        script.add("CaseloadStore.directStates", CaseloadStore.directStates(.advisees(of: advisor)).query, [advisorSQL])
        script.add("COMMIT")
        try script.text.write(toFile: work + "/caseload.sql", atomically: true, encoding: .utf8)
        try compare("P2 caseload of \(options.caseload) advisees (default order, limit=200)", unit: "requests per second",
                    lua: "caseload.lua", sql: work + "/caseload.sql") { output, clients in
            // Answers past the pool's checkout timeout (503) or wrk's 10 s are reported, not fatal: counted are 2xx answers.
            let failed = result(output, "non2xx") ?? 0, errors = result(output, "socket_errors") ?? 0
            if failed > 0 || errors > 0 {
                say("       (\(clients) clients: \(Int(failed)) answers not 2xx, \(Int(errors)) socket errors or timeouts — not counted)")
            }
            return ((result(output, "requests") ?? 0) - failed) / (result(output, "seconds") ?? 1)
        }
    }

    if options.workloads.contains("export") {
        say("\nexport: the bulk CSV transcript export vs COPY of the same query")
        // Every state mastered, so the export holds learners × competencies rows; a registrar; a class
        // of every learner (the big export) and a cohort of the first 500 (the small one).
        let small = min(500, options.learners)
        try await database.execute(script: """
            BEGIN;
            UPDATE mastery_states SET status = 'mastered', first_mastered_at = coalesce(first_mastered_at, latest_review_at, now())
            WHERE status <> 'mastered';
            INSERT INTO people (id, institution_id, source_id, given_name, family_name)
            VALUES ('\(BenchIDs.registrar)', '\(BenchIDs.institution)', 'registrar', 'Rita', 'Registrar');
            INSERT INTO person_roles (institution_id, person_id, role) VALUES ('\(BenchIDs.institution)', '\(BenchIDs.registrar)', 'registrar');
            INSERT INTO api_tokens (id, institution_id, person_id, token_hash, label)
            VALUES (gen_random_uuid(), '\(BenchIDs.institution)', '\(BenchIDs.registrar)', \(BenchIDs.tokenHashSQL("'registrar'")), 'bench');
            INSERT INTO classes (institution_id, id, title) VALUES ('\(BenchIDs.institution)', '\(BenchIDs.exportClass)', 'Everyone');
            INSERT INTO class_members (institution_id, class_id, person_id, role)
            SELECT '\(BenchIDs.institution)', '\(BenchIDs.exportClass)', \(BenchSeed.learnerSQL("i")), 'learner'
            FROM generate_series(1, \(options.learners)) i;
            UPDATE people SET cohort = 'first-\(small)' WHERE id IN (SELECT \(BenchSeed.learnerSQL("i")) FROM generate_series(1, \(small)) i);
            COMMIT;
            """)
        try await database.execute(script: "VACUUM ANALYZE mastery_states, people, class_members")
        // A fresh service process, so its peak memory is the export's alone.
        server?.terminate()
        server = try Shell.start([options.pathfolio, "serve", "--database-url", appURL, "--listen", "127.0.0.1:\(options.port)",
                                  "--schema", repository + "/schema", "--pool-size", String(options.poolSize)], log: "/dev/null")
        var up = false
        for _ in 0..<100 {
            if (try? Shell.run(["curl", "-sf", base + "/healthz"], check: true)) != nil { up = true; break }
            try await Task.sleep(for: .milliseconds(100))
        }
        guard up, let pid = server?.pid else { fail("the service did not restart") }
        let idle = PeakMemory.residentKiB(of: pid)

        /// Downloads one export to a file; answers rows, seconds, the export id and the peak RSS.
        func export(_ query: String) throws -> (rows: Int, seconds: Double, id: String, peakKiB: Int) {
            let file = work + "/export.csv", headers = work + "/export.headers"
            let ((timing, _), peak) = try PeakMemory(pid: pid).measure { () throws -> (String, Int) in
                (try Shell.run(["curl", "-s", "-N", "-o", file, "-D", headers, "-w", "%{http_code} %{time_total} %{time_starttransfer}",
                                "-H", "Authorization: Bearer \(BenchIDs.secret("registrar"))", base + "/v1/transcripts?" + query + "&format=csv"]), 0)
            }
            let parts = timing.split(separator: " ")
            guard parts.first == "200" else { fail("export \(query): \(timing)") }
            let headerText = (try? String(contentsOfFile: headers, encoding: .utf8)) ?? ""
            guard let idLine = headerText.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("pathfolio-export-id:") }) else {
                fail("export \(query): no Pathfolio-Export-Id")
            }
            let lines = Int(try Shell.run(["wc", "-l", file]).split(separator: " ").first ?? "0") ?? 0
            say(String(format: "  service, %@: %d rows in %.2f s (first byte after %.3f s), peak RSS %.1f MB",
                       query, lines - 1, Double(parts[1]) ?? 0, Double(parts[2]) ?? 0, Double(peak) / 1024))
            return (lines - 1, Double(parts[1]) ?? 0, String(idLine.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)), peak)
        }
        let smallRun = try export("cohort=first-\(small)")
        let bigRun = try export("class=\(BenchIDs.exportClass)")
        let expected = try await database.query("SELECT count(*) FROM mastery_states WHERE status = 'mastered'")[0].decode(Int.self, at: 0)
        guard bigRun.rows == expected else { fail("the export held \(bigRun.rows) rows; the projection has \(expected) mastered states") }

        // COPY of the same query (same disclosure rows), as pathfolio_app with the tenant set, to a file like curl's.
        let copySQL = TranscriptExportStore.competencyRowsSQL(exportID: UUID(uuidString: bigRun.id)!)
        let copyScript = work + "/copy.sql"
        try """
            BEGIN;
            SELECT set_config('pathfolio.institution_id', '\(BenchIDs.institution)', true) \\g /dev/null
            COPY (\(copySQL)) TO STDOUT WITH (FORMAT csv);
            COMMIT;
            """.write(toFile: copyScript, atomically: true, encoding: .utf8)
        let copyStarted = ContinuousClock.now
        try Shell.run(["sh", "-c", "'\(cluster.binDirectory)/psql' -X -q -v ON_ERROR_STOP=1 -d '\(appURL)' -f '\(copyScript)' > '\(work)/copy.csv'"])
        let copySeconds = Shell.seconds(since: copyStarted)
        let copyRows = Int(try Shell.run(["wc", "-l", work + "/copy.csv"]).split(separator: " ").first ?? "0") ?? 0
        guard copyRows == bigRun.rows else { fail("COPY wrote \(copyRows) rows, the service \(bigRun.rows)") }
        let serviceRate = Double(bigRun.rows) / bigRun.seconds, copyRate = Double(copyRows) / copySeconds
        let line = String(format: "E1 CSV export of %d rows: service %.0f rows/s (%.2f s), COPY %.0f rows/s (%.2f s), ratio %.2f",
                          bigRun.rows, serviceRate, bigRun.seconds, copyRate, copySeconds, serviceRate / copyRate)
        say("  " + line)
        summary.append(line)
        let memory = String(format: "E2 service RSS: idle %.1f MB, peak exporting %d rows %.1f MB, %d rows %.1f MB: growth %.1f MB",
                            Double(idle) / 1024, smallRun.rows, Double(smallRun.peakKiB) / 1024, bigRun.rows,
                            Double(bigRun.peakKiB) / 1024, Double(bigRun.peakKiB - smallRun.peakKiB) / 1024)
        say("  " + memory)
        summary.append(memory)
        try? FileManager.default.removeItem(atPath: work + "/export.csv")
        try? FileManager.default.removeItem(atPath: work + "/copy.csv")

        // A client that goes away mid-stream: read 1 MB of the big export, hang up, and check that the
        // service's reading transaction ended (no session of pathfolio_app still in a transaction or
        // fetching) and that it still answers.
        _ = try Shell.run(["sh", "-c", "curl -s -N -H 'Authorization: Bearer \(BenchIDs.secret("registrar"))' "
                           + "'\(base)/v1/transcripts?class=\(BenchIDs.exportClass)&format=csv' | head -c 1000000 > /dev/null"], check: false)
        var busy = -1
        for _ in 0..<50 {
            try await Task.sleep(for: .milliseconds(100))
            busy = try await database.query("""
                SELECT count(*)::int8 FROM pg_stat_activity
                WHERE usename = 'pathfolio_app' AND (state LIKE 'idle in transaction%' OR query LIKE 'FETCH%' AND state = 'active')
                """)[0].decode(Int.self, at: 0)
            if busy == 0 { break }
        }
        let after = try curl("GET", "/healthz", token: "")
        let disconnect = "E3 client hung up after 1 MB: \(busy == 0 ? "the reading transaction ended" : "\(busy) session(s) still in a transaction"), "
            + String(format: "service answers %d, RSS %.1f MB", after.status, Double(PeakMemory.residentKiB(of: pid)) / 1024)
        say("  " + disconnect)
        summary.append(disconnect)
        guard busy == 0, after.status == 200 else { fail(disconnect) }
    }

    await database.close()
    say("\nsummary (\(options.seconds) s per run, \(options.learners) learners × \(framework.competencyCount) competencies, pool \(options.poolSize)):")
    for line in summary { say("  " + line) }
    cleanUp()
} catch {
    fail("\(error)")
}
